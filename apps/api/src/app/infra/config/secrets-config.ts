import type { AppConfig } from './config';
import { ConfigError } from './env-schema';

/**
 * The two secrets a demo may run without — the CA keys' passphrase and the audit chain's HMAC key:
 * each has a minimum length (checked by the configuration schema, config.ts), a published demo value
 * used only in demo mode, and stops a production start when unset (production-checks.ts lists it
 * with the other unsafe settings).
 */

export const MIN_CA_KEY_PASSPHRASE_LENGTH = 16;

/** Used only in demo mode when `CA_KEY_PASSPHRASE` is unset (a warning says so at start-up). */
export const DEMO_CA_KEY_PASSPHRASE =
  'certdesk-demo-ca-key-passphrase-NOT-FOR-PRODUCTION';

/**
 * The passphrase the CA keys are encrypted with: `CA_KEY_PASSPHRASE`, or in demo mode the demo
 * default. Outside demo mode an unset passphrase stops the start (the CA keys would be unprotected).
 */
export function resolveCaKeyPassphrase(
  config: Pick<AppConfig, 'caKeyPassphrase' | 'mode'>,
): { passphrase: string; demoDefault: boolean } {
  if (config.caKeyPassphrase)
    return { passphrase: config.caKeyPassphrase, demoDefault: false };
  if (config.mode === 'demo')
    return { passphrase: DEMO_CA_KEY_PASSPHRASE, demoDefault: true };
  throw new ConfigError(
    'CA_KEY_PASSPHRASE',
    `must be set (at least ${MIN_CA_KEY_PASSPHRASE_LENGTH} characters) unless CERTDESK_MODE=demo: it encrypts the CA private keys`,
  );
}

export const MIN_AUDIT_HMAC_KEY_LENGTH = 32;

/** Used only in demo mode when `AUDIT_HMAC_KEY` is unset. */
export const DEMO_AUDIT_HMAC_KEY =
  'certdesk-demo-audit-hmac-key-NOT-FOR-PRODUCTION';

/**
 * The key of the audit chain's HMAC: `AUDIT_HMAC_KEY`, or in demo mode the demo default. A production
 * start without it stops: the key must live outside the database, or an insider could re-chain a rewrite.
 */
export function resolveAuditHmacKey(
  config: Pick<AppConfig, 'mode' | 'audit'>,
): { key: string; demoDefault: boolean } {
  if (config.audit.hmacKey)
    return { key: config.audit.hmacKey, demoDefault: false };
  if (config.mode === 'demo')
    return { key: DEMO_AUDIT_HMAC_KEY, demoDefault: true };
  throw new ConfigError(
    'AUDIT_HMAC_KEY',
    `must be set in production (at least ${MIN_AUDIT_HMAC_KEY_LENGTH} characters, e.g. openssl rand -hex 32; keep it outside the database): it keys the audit log's hash chain`,
  );
}
