import { createHash, KeyObject } from 'node:crypto';
import * as forge from 'node-forge';
import {
  asn1Of,
  childrenOf,
  derOf,
  integerFromHex,
  octetString,
  oid,
  readWhole,
  sequence,
  timeAsn1,
  toBinary,
} from './der';
import {
  CaSigner,
  signatureAlgorithmAsn1,
  signStructure,
  signStructureWith,
} from './signing';
import { newSerialHex } from './serial';

const { Class, Type, create } = forge.asn1;

/** Object identifiers used here (RFC 5280). */
export const OID = {
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  cRLDistributionPoints: '2.5.29.31',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** Upper bound of each name attribute (RFC 5280 Appendix A: ub-common-name and friends). */
const NAME_LIMIT = 64;

/** A distinguished name as the CAs write it: C=JP, O, optional OU, CN (UTF8String but C). */
export interface NameParts {
  O: string;
  OU?: string;
  CN: string;
}

/** DER of the Name; refuses empty or over-long values. */
export function nameDer(parts: NameParts): Buffer {
  const attributes: forge.pki.CertificateField[] = [
    {
      type: OID.countryName,
      value: 'JP',
      valueTagClass: Type.PRINTABLESTRING as never,
    },
  ];
  const utf8 = (type: string, value: string, label: string) => {
    if (value.length < 1 || value.length > NAME_LIMIT)
      throw new RangeError(
        `${label} must be 1-${NAME_LIMIT} characters, got ${value.length}`,
      );
    attributes.push({ type, value, valueTagClass: Type.UTF8 as never });
  };
  utf8(OID.organizationName, parts.O, 'O');
  if (parts.OU !== undefined) utf8(OID.organizationalUnitName, parts.OU, 'OU');
  utf8(OID.commonName, parts.CN, 'CN');
  return derOf(forge.pki.distinguishedNameToAsn1({ attributes }));
}

/** RFC 4514 string of the name, most specific first, as stored in `subject_dn`: `CN=…,OU=…,O=…,C=JP`. */
export function nameString(parts: NameParts): string {
  const escape = (v: string) =>
    v
      .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
      .replace(/^[ #]|[ ]$/g, (c) => `\\${c}`);
  return [
    `CN=${escape(parts.CN)}`,
    ...(parts.OU !== undefined ? [`OU=${escape(parts.OU)}`] : []),
    `O=${escape(parts.O)}`,
    'C=JP',
  ].join(',');
}

/** One Extension { extnID, critical, extnValue }. */
export function extension(
  id: string,
  value: forge.asn1.Asn1,
  critical = false,
): forge.asn1.Asn1 {
  return sequence([
    oid(id),
    ...(critical
      ? [create(Class.UNIVERSAL, Type.BOOLEAN, false, '\u00ff')]
      : []),
    octetString(derOf(value)),
  ]);
}

/** keyUsage bits, numbered as in RFC 5280 (decipherOnly, bit 8, is never used here). */
export const KEY_USAGE = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
} as const;

export function keyUsageValue(
  usages: (keyof typeof KEY_USAGE)[],
): forge.asn1.Asn1 {
  let bits = 0;
  for (const usage of usages) bits |= 0x80 >> KEY_USAGE[usage];
  let unused = 0;
  while (unused < 7 && !(bits & (1 << unused))) unused++;
  return create(
    Class.UNIVERSAL,
    Type.BITSTRING,
    false,
    String.fromCharCode(unused, bits),
  );
}

export function basicConstraintsValue(ca: boolean): forge.asn1.Asn1 {
  return sequence(
    ca
      ? [
          create(Class.UNIVERSAL, Type.BOOLEAN, false, '\u00ff'),
          create(Class.UNIVERSAL, Type.INTEGER, false, '\u0000'),
        ]
      : [],
  );
}

/**
 * The critical extensions of an end entity's RSA certificate (an IB client's, the TLS server's):
 * not a CA; keyUsage digitalSignature and keyEncipherment.
 */
export function endEntityExtensions(): forge.asn1.Asn1[] {
  return [
    extension(OID.basicConstraints, basicConstraintsValue(false), true),
    extension(
      OID.keyUsage,
      keyUsageValue(['digitalSignature', 'keyEncipherment']),
      true,
    ),
  ];
}

/** AuthorityKeyIdentifier { keyIdentifier [0] }. */
export function authorityKeyIdValue(keyId: Buffer): forge.asn1.Asn1 {
  return sequence([create(Class.CONTEXT_SPECIFIC, 0, false, toBinary(keyId))]);
}

/** CRLDistributionPoints with one fullName URI. */
export function crlDistributionPointsValue(url: string): forge.asn1.Asn1 {
  const uri = create(Class.CONTEXT_SPECIFIC, 6, false, url);
  const fullName = create(Class.CONTEXT_SPECIFIC, 0, true, [uri]);
  return sequence([
    sequence([create(Class.CONTEXT_SPECIFIC, 0, true, [fullName])]),
  ]);
}

/** Key identifier method 1 (RFC 5280 §4.2.1.2): SHA-1 of the subjectPublicKey bits of an SPKI. */
export function keyIdentifier(spkiDer: Buffer): Buffer {
  const subjectPublicKey = childrenOf(readWhole(spkiDer))[1];
  return createHash('sha1')
    .update(subjectPublicKey.contents.subarray(1))
    .digest();
}

export interface TbsCertificateInput {
  serialHex: string;
  issuerDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  subjectDer: Buffer;
  spkiDer: Buffer;
  extensions: forge.asn1.Asn1[];
}

/** The TBS of a self-signed certificate: its subject is its own issuer, under a fresh serial. */
export function selfSignedTbs(
  input: Omit<TbsCertificateInput, 'serialHex' | 'issuerDer'>,
): TbsCertificateInput {
  return { serialHex: newSerialHex(), issuerDer: input.subjectDer, ...input };
}

/** TBSCertificate (v3) with sha256WithRSAEncryption; names and key embedded byte for byte. */
export function tbsCertificate(input: TbsCertificateInput): forge.asn1.Asn1 {
  return sequence([
    create(Class.CONTEXT_SPECIFIC, 0, true, [
      create(Class.UNIVERSAL, Type.INTEGER, false, '\u0002'),
    ]),
    integerFromHex(input.serialHex),
    signatureAlgorithmAsn1(),
    asn1Of(input.issuerDer),
    sequence([timeAsn1(input.notBefore), timeAsn1(input.notAfter)]),
    asn1Of(input.subjectDer),
    asn1Of(input.spkiDer),
    create(Class.CONTEXT_SPECIFIC, 3, true, [sequence(input.extensions)]),
  ]);
}

/** A signed certificate (DER) from its TBS, signed with node:crypto. */
export function signCertificate(
  input: TbsCertificateInput,
  key: KeyObject,
): Buffer {
  return signStructure(tbsCertificate(input), key);
}

/** {@link signCertificate} with a {@link CaSigner} (software key or token). */
export function signCertificateWith(
  input: TbsCertificateInput,
  signer: CaSigner,
): Promise<Buffer> {
  return signStructureWith(tbsCertificate(input), signer);
}

/** An instant as a certificate stores it: whole seconds (UTCTime / GeneralizedTime carry no fraction here). */
export const wholeSeconds = (date: Date): Date =>
  new Date(Math.floor(date.getTime() / 1000) * 1000);

export const sha256Hex = (data: Buffer): string =>
  createHash('sha256').update(data).digest('hex');
