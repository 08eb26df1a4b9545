import { createPublicKey, KeyObject, sign } from 'node:crypto';
import * as forge from 'node-forge';
import { bitString, derOf, oid, sequence, sequenceOfDer } from './der';

/** sha256WithRSAEncryption: what the CAs sign certificates and CRLs with. */
export const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** AlgorithmIdentifier { sha256WithRSAEncryption, NULL }. */
export function signatureAlgorithmAsn1(): forge.asn1.Asn1 {
  return sequence([
    oid(SHA256_WITH_RSA),
    forge.asn1.create(
      forge.asn1.Class.UNIVERSAL,
      forge.asn1.Type.NULL,
      false,
      '',
    ),
  ]);
}

/**
 * Signs a to-be-signed structure (TBSCertificate, TBSCertList) with node:crypto — OpenSSL's RSA,
 * much faster than forge's pure-JS RSA — and assembles `SEQUENCE { tbs, algorithm, BIT STRING }`.
 */
export function signStructure(tbs: forge.asn1.Asn1, key: KeyObject): Buffer {
  const tbsDer = derOf(tbs);
  const signature = sign('sha256', tbsDer, key);
  return sequenceOfDer([
    tbsDer,
    derOf(signatureAlgorithmAsn1()),
    derOf(bitString(signature)),
  ]);
}

/**
 * What signs for a CA: the software key in memory, or a key that never leaves a token (PKCS#11).
 * `sign` returns the PKCS#1 v1.5 signature over SHA-256 of `data` (sha256WithRSAEncryption).
 */
export interface CaSigner {
  /** SubjectPublicKeyInfo (DER) of the signing key. */
  readonly publicKeySpki: Buffer;
  sign(data: Buffer): Promise<Buffer>;
}

/** A {@link CaSigner} over a private key held in this process (node:crypto, OpenSSL). */
export function softwareSigner(key: KeyObject): CaSigner {
  return {
    publicKeySpki: createPublicKey(key).export({ type: 'spki', format: 'der' }),
    sign: async (data) => sign('sha256', data, key),
  };
}

/** {@link signStructure} with any {@link CaSigner} (e.g. a PKCS#11 token). */
export async function signStructureWith(
  tbs: forge.asn1.Asn1,
  signer: CaSigner,
): Promise<Buffer> {
  const tbsDer = derOf(tbs);
  const signature = await signer.sign(tbsDer);
  return sequenceOfDer([
    tbsDer,
    derOf(signatureAlgorithmAsn1()),
    derOf(bitString(signature)),
  ]);
}

/** PEM armour of DER. */
export function toPem(type: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\r\n${lines.join('\r\n')}\r\n-----END ${type}-----\r\n`;
}

/** The DER inside a PEM block of `type`; throws when there is none. */
export function fromPem(pem: string, types: string[]): Buffer {
  const match =
    /-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]+)-----END \1-----/.exec(pem);
  if (!match || !types.includes(match[1]))
    throw new Error(`PEM: expected ${types.join(' or ')}`);
  return Buffer.from(match[2].replace(/\s+/g, ''), 'base64');
}
