import { randomBytes } from 'node:crypto';

/** Octets of a new serial: 128 bits from the CSPRNG less the sign bit (RFC 5280: ≥ 64 bits, ≤ 20 octets). */
const SERIAL_OCTETS = 16;

/**
 * A fresh certificate serial as stored (`Certificate.serialHex`): lower-case hex of a positive DER
 * INTEGER in minimal form — top bit clear (positive), first octet non-zero (no padding), 16 octets.
 */
export function newSerialHex(): string {
  for (;;) {
    const bytes = randomBytes(SERIAL_OCTETS);
    bytes[0] &= 0x7f;
    if (bytes[0] !== 0) return bytes.toString('hex');
  }
}

/** True for a serial as stored: lower-case hex of whole octets, 1–20 of them, no leading 00 octet, not 0. */
export function isSerialHex(hex: string): boolean {
  return /^([0-9a-f]{2}){1,20}$/.test(hex) && !hex.startsWith('00');
}
