import {
  createPrivateKey,
  generateKeyPairSync,
  X509Certificate,
} from 'node:crypto';
import { childrenOf, octetString, readWhole } from './der';
import { CaSigner, fromPem, softwareSigner, toPem } from './signing';
import {
  basicConstraintsValue,
  extension,
  keyIdentifier,
  keyUsageValue,
  nameDer,
  OID,
  selfSignedTbs,
  signCertificate,
  signCertificateWith,
  TbsCertificateInput,
  wholeSeconds,
} from './x509';

/** RSA modulus of a credit union's issuing CA. */
export const CA_KEY_BITS = 3072;

export interface CreateCaInput {
  /** e.g. 「さくら信用金庫 電子証明書発行CA」 (UTF8String, ≤ 64 characters). */
  commonName: string;
  /** The credit union's name (≤ 64 characters). */
  organization: string;
  /** notBefore (whole seconds). */
  now: Date;
  validityYears: number;
}

/** A new CA: self-signed certificate and its private key, PKCS#8 PEM, not yet encrypted. */
export interface NewCa {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * A self-signed issuing CA: RSA-3072, basicConstraints CA:TRUE pathLen 0 (critical), keyUsage
 * keyCertSign + cRLSign (critical), subjectKeyIdentifier. Key generation is node:crypto's (OpenSSL).
 */
export function createCa(input: CreateCaInput): NewCa {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: CA_KEY_BITS,
    publicExponent: 65537,
  });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  return {
    certificatePem: toPem(
      'CERTIFICATE',
      signCertificate(caTbs(input, spkiDer), privateKey),
    ),
    privateKeyPem: privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
}

/** The self-signed CA certificate (PEM) of a key held elsewhere (e.g. generated on a PKCS#11 token). */
export async function createCaCertificate(
  input: CreateCaInput,
  signer: CaSigner,
): Promise<string> {
  return toPem(
    'CERTIFICATE',
    await signCertificateWith(caTbs(input, signer.publicKeySpki), signer),
  );
}

function caTbs(input: CreateCaInput, spkiDer: Buffer): TbsCertificateInput {
  if (!Number.isInteger(input.validityYears) || input.validityYears < 1)
    throw new RangeError('validityYears must be a positive integer');
  const subjectDer = nameDer({ O: input.organization, CN: input.commonName });
  const notBefore = wholeSeconds(input.now);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + input.validityYears);
  return selfSignedTbs({
    subjectDer,
    notBefore,
    notAfter,
    spkiDer,
    extensions: [
      extension(OID.basicConstraints, basicConstraintsValue(true), true),
      extension(OID.keyUsage, keyUsageValue(['keyCertSign', 'cRLSign']), true),
      extension(OID.subjectKeyIdentifier, octetString(keyIdentifier(spkiDer))),
    ],
  });
}

/** A CA ready to sign: parsed once, kept in memory by the caller. */
export interface IssuingCa {
  certificatePem: string;
  /** The subject Name, byte for byte (issuer of everything this CA signs). */
  subjectDer: Buffer;
  /** subjectKeyIdentifier of the CA (authorityKeyIdentifier of what it signs). */
  keyId: Buffer;
  /** Signs certificates and CRLs: a key in memory or on a token. */
  signer: CaSigner;
  notAfter: Date;
}

/** Parses the CA certificate and its software key; refuses a key that does not belong to the certificate. */
export function loadCa(
  certificatePem: string,
  privateKeyPem: string,
): IssuingCa {
  return openCa(
    certificatePem,
    softwareSigner(createPrivateKey(privateKeyPem)),
  );
}

/** The CA of this certificate, signing with `signer`; refuses a signer whose key is not the certificate's. */
export function openCa(certificatePem: string, signer: CaSigner): IssuingCa {
  const certificate = new X509Certificate(certificatePem);
  const certificateSpki = certificate.publicKey.export({
    type: 'spki',
    format: 'der',
  });
  if (!signer.publicKeySpki.equals(certificateSpki)) {
    throw new Error('The CA private key does not match the CA certificate');
  }
  const tbs = childrenOf(
    childrenOf(readWhole(fromPem(certificatePem, ['CERTIFICATE'])))[0],
  );
  return {
    certificatePem,
    subjectDer: Buffer.from(tbs[5].der),
    keyId: keyIdentifier(Buffer.from(tbs[6].der)),
    signer,
    notAfter: new Date(certificate.validTo),
  };
}
