import { createPublicKey, X509Certificate } from 'node:crypto';
import {
  childrenOf,
  DerElement,
  oidOf,
  readElement,
  readWhole,
  TAG,
} from './der';
import { fromPem } from './signing';
import { KEY_USAGE, OID, sha256Hex } from './x509';

/** A certificate's fields in readable form, for the staff detail screen. */
export interface DecodedCertificate {
  /** `CN=…,OU=…,O=…,C=JP` (RFC 4514 order). */
  subject: string;
  issuer: string;
  /** Lower-case hex without leading zero octets, as stored. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: {
    algorithm: string;
    bits: number | null;
    exponent: string | null;
  };
  signatureAlgorithm: string;
  fingerprintSha256: string;
  extensions: DecodedExtension[];
}

export interface DecodedExtension {
  oid: string;
  /** RFC 5280 name, e.g. `keyUsage`; the OID when unknown. */
  name: string;
  critical: boolean;
  /** Readable value, e.g. `digitalSignature, keyEncipherment`. */
  value: string;
}

const NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(OID).map(([name, oid]) => [oid, name]),
);
const ATTRIBUTE_SHORT: Record<string, string> = {
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.commonName]: 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
};
const EXTENDED_USAGES: Record<string, string> = {
  [OID.clientAuth]: 'clientAuth',
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
};

/** Decodes a PEM certificate; throws on anything that is not one. */
export function decodeCertificate(pem: string): DecodedCertificate {
  const der = fromPem(pem, ['CERTIFICATE']);
  const x509 = new X509Certificate(der);
  const [tbs, signatureAlgorithm] = childrenOf(readWhole(der));
  const fields = childrenOf(tbs);
  const offset = fields[0].tag === 0xa0 ? 1 : 0;
  const key = createPublicKey({
    key: fields[offset + 5].der,
    format: 'der',
    type: 'spki',
  });
  const details = key.asymmetricKeyDetails;
  const extensions = fields.find((f) => f.tag === 0xa3);
  return {
    subject: nameText(fields[offset + 4]),
    issuer: nameText(fields[offset + 2]),
    serialHex: stripZeros(fields[offset].contents.toString('hex')),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    publicKey: {
      algorithm: key.asymmetricKeyType ?? 'unknown',
      bits: details?.modulusLength ?? null,
      exponent:
        details?.publicExponent !== undefined
          ? String(details.publicExponent)
          : null,
    },
    signatureAlgorithm: signatureName(childrenOf(signatureAlgorithm)[0]),
    fingerprintSha256: sha256Hex(der),
    extensions: extensions
      ? childrenOf(childrenOf(extensions)[0]).map(decodeExtension)
      : [],
  };
}

function stripZeros(hex: string): string {
  let out = hex;
  while (out.length > 2 && out.startsWith('00')) out = out.slice(2);
  return out;
}

function signatureName(oid: DerElement): string {
  const dotted = oidOf(oid);
  return SIGNATURES[dotted] ?? dotted;
}

/** RFC 4514 text of a Name, most specific attribute first. */
export function nameText(name: DerElement): string {
  const parts: string[] = [];
  for (const rdn of childrenOf(name)) {
    for (const attribute of childrenOf(rdn)) {
      const [type, value] = childrenOf(attribute);
      const dotted = oidOf(type);
      parts.push(
        `${ATTRIBUTE_SHORT[dotted] ?? dotted}=${stringValue(value).replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)}`,
      );
    }
  }
  return parts.reverse().join(',');
}

function stringValue(value: DerElement): string {
  switch (value.tag) {
    case 0x0c:
      return value.contents.toString('utf8'); // UTF8String
    case 0x1e:
      return Buffer.from(value.contents).swap16().toString('utf16le'); // BMPString
    default:
      return value.contents.toString('latin1'); // Printable, IA5, Teletex
  }
}

function decodeExtension(element: DerElement): DecodedExtension {
  const parts = childrenOf(element);
  const oid = oidOf(parts[0]);
  const critical = parts.length === 3 && parts[1].contents[0] !== 0;
  const value = readElement(parts[parts.length - 1].contents);
  return {
    oid,
    name: NAMES[oid] ?? oid,
    critical,
    value: extensionValue(oid, value),
  };
}

const colonHex = (buf: Buffer) =>
  (buf.toString('hex').toUpperCase().match(/../g) ?? []).join(':');

function extensionValue(oid: string, value: DerElement): string {
  switch (oid) {
    case OID.basicConstraints: {
      const items = childrenOf(value);
      const ca = items[0]?.tag === 0x01 && items[0].contents[0] !== 0;
      const pathLen = items.find((i) => i.tag === TAG.INTEGER);
      return `CA:${ca ? 'TRUE' : 'FALSE'}${pathLen ? `, pathlen:${pathLen.contents.readUIntBE(0, pathLen.contents.length)}` : ''}`;
    }
    case OID.keyUsage: {
      const bits = value.contents.subarray(1);
      const set = (n: number) => (bits[n >> 3] ?? 0) & (0x80 >> (n & 7));
      return Object.entries(KEY_USAGE)
        .filter(([, n]) => set(n))
        .map(([name]) => name)
        .join(', ');
    }
    case OID.extKeyUsage:
      return childrenOf(value)
        .map((o) => EXTENDED_USAGES[oidOf(o)] ?? oidOf(o))
        .join(', ');
    case OID.subjectKeyIdentifier:
      return colonHex(value.contents);
    case OID.authorityKeyIdentifier: {
      const keyId = childrenOf(value).find((i) => i.tag === 0x80);
      return keyId ? colonHex(keyId.contents) : '';
    }
    case OID.cRLDistributionPoints:
      return uris(value).join(', ');
    default:
      return colonHex(value.der);
  }
}

/** Every URI (GeneralName [6]) nested anywhere inside. */
function uris(element: DerElement): string[] {
  if (element.tag === 0x86) return [element.contents.toString('latin1')];
  return element.tag & 0x20 ? childrenOf(element).flatMap(uris) : [];
}
