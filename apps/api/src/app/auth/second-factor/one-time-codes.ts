import { createHash, randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import {
  RECOVERY_CODE_COUNT,
  TOTP_PERIOD_SECONDS,
  TOTP_TOLERANCE_STEPS,
} from '@certdesk/domain';
import { matchingStep, TOTP_DIGITS } from './totp';

export { newTotpSecret } from './totp';

/** The issuer the authenticator app shows next to the account. */
const ISSUER = 'certdesk';

/**
 * One-time codes (RFC 6238, totp.ts): SHA-1, 6 digits, 30 s steps, one step either side; the time
 * is the injected clock's, so tests pin it. Returns the time step the code belongs to (stored, so
 * the same code is accepted once only), or null.
 */
export function totpStep(
  secret: string,
  code: string,
  now: Date,
): number | null {
  return matchingStep(
    secret,
    code,
    now,
    TOTP_PERIOD_SECONDS,
    TOTP_TOLERANCE_STEPS,
  );
}

/** The otpauth:// URI (Key Uri Format) and its QR code as a PNG data URL. */
export async function totpEnrolment(
  secret: string,
  label: string,
): Promise<{ otpauthUri: string; qrCode: string }> {
  const params = new URLSearchParams({
    secret,
    issuer: ISSUER,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  const otpauthUri = `otpauth://totp/${encodeURIComponent(ISSUER)}:${encodeURIComponent(label)}?${params}`;
  const qrCode = await QRCode.toDataURL(otpauthUri, {
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 220,
  });
  return { otpauthUri, qrCode };
}

/** Crockford-like alphabet without 0/O, 1/I/L: easy to read off paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** {@link RECOVERY_CODE_COUNT} codes of 10 characters (about 49 bits each) as `XXXXX-XXXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(
      { length: 10 },
      () => ALPHABET[randomInt(ALPHABET.length)],
    );
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** What is stored of a recovery code: SHA-256 of its normalised form (random codes: no salt needed). */
export function recoveryCodeHash(code: string): string {
  const normalised = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256')
    .update(`certdesk-recovery:${normalised}`)
    .digest('hex');
}
