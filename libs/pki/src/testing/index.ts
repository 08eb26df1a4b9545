export { Openssl, tamperSignature } from './openssl';
export type { OpensslResult } from './openssl';
