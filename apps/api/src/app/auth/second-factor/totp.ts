import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * RFC 6238 one-time codes (HMAC-SHA-1, 6 digits, 30 s steps) on node:crypto. Written here rather
 * than taken from otplib: otplib 13 depends on ESM-only packages (@scure/base, @noble/hashes) that
 * the CommonJS Jest set-up of this repository cannot load, and the algorithm is 20 lines checked
 * against the RFC's own test vectors (totp.spec.ts).
 */
export const TOTP_DIGITS = 6;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret, base32 (what authenticator apps take). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** HOTP (RFC 4226) of `counter` with `key`: dynamic truncation to {@link TOTP_DIGITS} digits. */
export function hotp(
  key: Buffer,
  counter: number,
  algorithm = 'sha1',
  digits = TOTP_DIGITS,
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step of `now` (RFC 6238 T, with T0 = 0). */
export function timeStepOf(now: Date, periodSeconds: number): number {
  return Math.floor(now.getTime() / 1000 / periodSeconds);
}

/** The step within ±`tolerance` steps of `now` whose code is `code` (constant-time compare), or null. */
export function matchingStep(
  secret: string,
  code: string,
  now: Date,
  periodSeconds: number,
  tolerance: number,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secret);
  const given = Buffer.from(code);
  const current = timeStepOf(now, periodSeconds);
  let found: number | null = null;
  for (let step = current - tolerance; step <= current + tolerance; step++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), given) && found === null)
      found = step;
  }
  return found;
}
