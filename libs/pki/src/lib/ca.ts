import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  X509Certificate,
} from 'node:crypto';
import { childrenOf, octetString, readWhole } from './der';
import { newSerialHex } from './serial';
import { fromPem, toPem } from './signing';
import {
  basicConstraintsValue,
  extension,
  keyIdentifier,
  keyUsageValue,
  nameDer,
  OID,
  signCertificate,
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
  if (!Number.isInteger(input.validityYears) || input.validityYears < 1)
    throw new RangeError('validityYears must be a positive integer');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: CA_KEY_BITS,
    publicExponent: 65537,
  });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const subjectDer = nameDer({ O: input.organization, CN: input.commonName });
  const notBefore = wholeSeconds(input.now);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + input.validityYears);
  const der = signCertificate(
    {
      serialHex: newSerialHex(),
      issuerDer: subjectDer,
      subjectDer,
      notBefore,
      notAfter,
      spkiDer,
      extensions: [
        extension(OID.basicConstraints, basicConstraintsValue(true), true),
        extension(
          OID.keyUsage,
          keyUsageValue(['keyCertSign', 'cRLSign']),
          true,
        ),
        extension(
          OID.subjectKeyIdentifier,
          octetString(keyIdentifier(spkiDer)),
        ),
      ],
    },
    privateKey,
  );
  return {
    certificatePem: toPem('CERTIFICATE', der),
    privateKeyPem: privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
}

export class CaKeyPassphraseError extends Error {
  constructor() {
    super('The CA private key cannot be decrypted with this passphrase');
    this.name = 'CaKeyPassphraseError';
  }
}

/** The CA key as encrypted PKCS#8 (PBES2: PBKDF2 + AES-256-CBC), for storage. */
export function encryptCaKey(
  privateKeyPem: string,
  passphrase: string,
): string {
  if (!passphrase)
    throw new RangeError('A passphrase is required to encrypt the CA key');
  return createPrivateKey(privateKeyPem)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    .toString();
}

/** Unencrypted PKCS#8 PEM of a key stored by {@link encryptCaKey}; {@link CaKeyPassphraseError} on a wrong passphrase. */
export function decryptCaKey(encryptedPem: string, passphrase: string): string {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: encryptedPem, format: 'pem', passphrase });
  } catch {
    throw new CaKeyPassphraseError();
  }
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A CA ready to sign: parsed once, kept in memory by the caller. */
export interface IssuingCa {
  certificatePem: string;
  /** The subject Name, byte for byte (issuer of everything this CA signs). */
  subjectDer: Buffer;
  /** subjectKeyIdentifier of the CA (authorityKeyIdentifier of what it signs). */
  keyId: Buffer;
  privateKey: KeyObject;
  notAfter: Date;
}

/** Parses the CA certificate and key; refuses a key that does not belong to the certificate. */
export function loadCa(
  certificatePem: string,
  privateKeyPem: string,
): IssuingCa {
  const certificate = new X509Certificate(certificatePem);
  const privateKey = createPrivateKey(privateKeyPem);
  const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
  if (!spki(createPublicKey(privateKey)).equals(spki(certificate.publicKey))) {
    throw new Error('The CA private key does not match the CA certificate');
  }
  const tbs = childrenOf(
    childrenOf(readWhole(fromPem(certificatePem, ['CERTIFICATE'])))[0],
  );
  return {
    certificatePem,
    subjectDer: Buffer.from(tbs[5].der),
    keyId: keyIdentifier(Buffer.from(tbs[6].der)),
    privateKey,
    notAfter: new Date(certificate.validTo),
  };
}
