export {
  CA_KEY_BITS,
  createCa,
  createCaCertificate,
  loadCa,
  openCa,
} from './lib/ca';
export {
  CA_KEY_PBKDF2_ITERATIONS,
  CaKeyPassphraseError,
  caKeyNeedsRewrap,
  caKeyWrapping,
  decryptCaKey,
  encryptCaKey,
} from './lib/key-wrap';
export type { CaKeyWrapping } from './lib/key-wrap';
export type { CreateCaInput, IssuingCa, NewCa } from './lib/ca';
export {
  checkCsr,
  MAX_RSA_BITS,
  MIN_RSA_BITS,
  REQUIRED_EXPONENT,
} from './lib/csr';
export type { CheckedCsr, CsrCheck } from './lib/csr';
export { buildCsr } from './lib/csr-builder';
export {
  certificateValidity,
  clientSubjectDn,
  issueClientCertificate,
} from './lib/issue';
export type {
  ClientSubject,
  IssueClientCertificateInput,
  IssuedCertificate,
} from './lib/issue';
export {
  buildCrl,
  isRevocationReason,
  REVOCATION_REASON_CODES,
} from './lib/crl';
export type {
  BuildCrlInput,
  RevocationReasonName,
  RevokedEntry,
} from './lib/crl';
export { decodeCertificate } from './lib/describe';
export { certificatesOnlyPkcs7 } from './lib/pkcs7';
export type { DecodedCertificate, DecodedExtension } from './lib/describe';
export { isSerialHex, newSerialHex } from './lib/serial';
export { fromPem, softwareSigner, toPem } from './lib/signing';
export type { CaSigner } from './lib/signing';
export { createTlsServerCertificate } from './lib/tls-server';
export type { TlsServerCertificate } from './lib/tls-server';
