import * as forge from 'node-forge';

/**
 * Just enough DER to take signed structures apart byte-exactly (a signature covers the bytes as
 * sent, never a re-encoding of them) and to move between Node's Buffers and forge's binary strings.
 */
export interface DerElement {
  /** The identifier octet (single-byte tags only). */
  tag: number;
  /** The whole element: tag, length and contents. */
  der: Buffer;
  contents: Buffer;
}

export class DerError extends Error {
  constructor(message: string) {
    super(`DER: ${message}`);
    this.name = 'DerError';
  }
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

/** The element starting at `offset`; definite, minimal lengths only (DER). */
export function readElement(buf: Buffer, offset = 0): DerElement {
  if (offset + 2 > buf.length) throw new DerError('truncated element');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f)
    throw new DerError('multi-byte tags are not supported');
  let length = buf[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4)
      throw new DerError('indefinite or oversized length');
    if (start + octets > buf.length) throw new DerError('truncated length');
    if (buf[start] === 0) throw new DerError('non-minimal length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buf[start + i];
    if (length < 0x80) throw new DerError('non-minimal length');
    start += octets;
  }
  const end = start + length;
  if (end > buf.length) throw new DerError('truncated contents');
  return {
    tag,
    der: buf.subarray(offset, end),
    contents: buf.subarray(start, end),
  };
}

/** The one element that fills `buf` exactly (trailing bytes are refused). */
export function readWhole(buf: Buffer): DerElement {
  const element = readElement(buf);
  if (element.der.length !== buf.length)
    throw new DerError('trailing bytes after the element');
  return element;
}

/** The elements inside a constructed element (SEQUENCE, SET, explicit tags). */
export function childrenOf(element: DerElement): DerElement[] {
  if (!(element.tag & 0x20)) throw new DerError('not a constructed element');
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < element.contents.length) {
    const child = readElement(element.contents, offset);
    children.push(child);
    offset += child.der.length;
  }
  return children;
}

/** Dotted OID of an OBJECT IDENTIFIER element. */
export function oidOf(element: DerElement): string {
  if (element.tag !== TAG.OID)
    throw new DerError('expected an OBJECT IDENTIFIER');
  return forge.asn1.derToOid(toBinary(element.contents));
}

export const toBinary = (buf: Buffer): string => buf.toString('binary');
export const fromBinary = (binary: string): Buffer =>
  Buffer.from(binary, 'binary');
export const derOf = (asn1: forge.asn1.Asn1): Buffer =>
  fromBinary(forge.asn1.toDer(asn1).getBytes());
/** Our own DER back into forge's tree (forge re-emits parsed elements byte for byte). */
export const asn1Of = (der: Buffer): forge.asn1.Asn1 =>
  forge.asn1.fromDer(toBinary(der), true);

const { Class, Type, create } = forge.asn1;

/** RFC 5280 Time: UTCTime through 2049, GeneralizedTime from 2050. */
export function timeAsn1(date: Date): forge.asn1.Asn1 {
  return date.getUTCFullYear() < 2050
    ? create(
        Class.UNIVERSAL,
        Type.UTCTIME,
        false,
        forge.asn1.dateToUtcTime(date),
      )
    : create(
        Class.UNIVERSAL,
        Type.GENERALIZEDTIME,
        false,
        forge.asn1.dateToGeneralizedTime(date),
      );
}

/** A DER INTEGER from a positive big-endian hex number without leading zero octets (as serials are stored). */
export function integerFromHex(hex: string): forge.asn1.Asn1 {
  const padded = parseInt(hex.slice(0, 2), 16) >= 0x80 ? `00${hex}` : hex;
  return create(
    Class.UNIVERSAL,
    Type.INTEGER,
    false,
    forge.util.hexToBytes(padded),
  );
}

export const sequence = (items: forge.asn1.Asn1[]): forge.asn1.Asn1 =>
  create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
export const oid = (dotted: string): forge.asn1.Asn1 =>
  create(
    Class.UNIVERSAL,
    Type.OID,
    false,
    forge.asn1.oidToDer(dotted).getBytes(),
  );
export const octetString = (bytes: Buffer): forge.asn1.Asn1 =>
  create(Class.UNIVERSAL, Type.OCTETSTRING, false, toBinary(bytes));
/** A BIT STRING of whole octets (no unused bits), e.g. a signature. */
export const bitString = (bytes: Buffer): forge.asn1.Asn1 =>
  create(Class.UNIVERSAL, Type.BITSTRING, false, `\u0000${toBinary(bytes)}`);

/** DER length octets of `length`. */
function lengthOctets(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A constructed element (`tag`) around elements that are already DER: no re-encoding of signed bytes. */
export function constructedOfDer(tag: number, parts: Buffer[]): Buffer {
  const contents = Buffer.concat(parts);
  return Buffer.concat([
    Buffer.from([tag]),
    lengthOctets(contents.length),
    contents,
  ]);
}

export const sequenceOfDer = (parts: Buffer[]): Buffer =>
  constructedOfDer(TAG.SEQUENCE, parts);
