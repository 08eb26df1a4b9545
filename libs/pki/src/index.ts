export {
  CA_KEY_BITS,
  CaKeyPassphraseError,
  createCa,
  decryptCaKey,
  encryptCaKey,
  loadCa,
} from './lib/ca';
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
  Signer,
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
export { fromPem, toPem } from './lib/signing';
export { createTlsServerCertificate } from './lib/tls-server';
export type { TlsServerCertificate } from './lib/tls-server';
