import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { AppMode, ConfigError } from './config';

/**
 * Where the credit unions' CA private keys live (`CA_KEYSTORE`):
 * - `software`: encrypted PKCS#8 in `certificate_authority` (`CA_KEY_PASSPHRASE`), decrypted into
 *   the API's memory — the demo's default; in production mode it must be chosen explicitly.
 * - `pkcs11`: generated and kept on a PKCS#11 token (HSM), non-extractable; the database holds only
 *   the CA certificate and the key's label and CKA_ID.
 */
export type CaKeystoreConfig =
  | { kind: 'software'; explicit: boolean }
  | {
      kind: 'pkcs11';
      /** `PKCS11_LIBRARY`: the module's shared object, e.g. /usr/lib/softhsm/libsofthsm2.so. */
      library: string;
      /** `PKCS11_TOKEN_LABEL` (preferred: slot numbers change) … */
      tokenLabel: string | null;
      /** … or `PKCS11_SLOT` (the slot ID). */
      slot: number | null;
      /** `PKCS11_PIN` or the first line of `PKCS11_PIN_FILE`; a function so the PIN is never serialised or logged. */
      pin: () => string;
    };

type Env = Record<string, string | undefined>;

/** In production mode `CA_KEYSTORE` must be set ({@link assertKeystoreChosen}, at the API's start). */
export function parseCaKeystore(env: Env, cwd: string): CaKeystoreConfig {
  const value = env['CA_KEYSTORE'];
  if (value === undefined || value === '')
    return { kind: 'software', explicit: false };
  if (value === 'software') return { kind: 'software', explicit: true };
  if (value !== 'pkcs11')
    throw new ConfigError(
      'CA_KEYSTORE',
      `must be software or pkcs11 (got "${value}")`,
    );
  const library = env['PKCS11_LIBRARY'];
  if (!library || !isAbsolute(library))
    throw new ConfigError(
      'PKCS11_LIBRARY',
      'must be the absolute path of the PKCS#11 module (.so) when CA_KEYSTORE=pkcs11',
    );
  const tokenLabel = env['PKCS11_TOKEN_LABEL'] || null;
  const slotText = env['PKCS11_SLOT'];
  const slot = slotText ? Number(slotText) : null;
  if (slot !== null && (!Number.isSafeInteger(slot) || slot < 0))
    throw new ConfigError(
      'PKCS11_SLOT',
      `must be a slot ID (a non-negative integer), got "${slotText}"`,
    );
  if ((tokenLabel === null) === (slot === null))
    throw new ConfigError(
      'PKCS11_TOKEN_LABEL',
      'or PKCS11_SLOT (one of them, not both) must name the token when CA_KEYSTORE=pkcs11',
    );
  const pin = readPin(env, cwd);
  return { kind: 'pkcs11', library, tokenLabel, slot, pin: () => pin };
}

/** Production mode never keeps CA keys in the database by default: software must be chosen explicitly. */
export function assertKeystoreChosen(
  mode: AppMode,
  keystore: CaKeystoreConfig,
): void {
  if (
    mode === 'production' &&
    keystore.kind === 'software' &&
    !keystore.explicit
  )
    throw new ConfigError(
      'CA_KEYSTORE',
      'must be set in production mode: pkcs11 (CA keys on an HSM) or software (CA keys encrypted in the database)',
    );
}

function readPin(env: Env, cwd: string): string {
  const direct = env['PKCS11_PIN'];
  const file = env['PKCS11_PIN_FILE'];
  if (direct && file)
    throw new ConfigError(
      'PKCS11_PIN',
      'and PKCS11_PIN_FILE cannot both be set',
    );
  if (direct) return direct;
  if (!file)
    throw new ConfigError(
      'PKCS11_PIN_FILE',
      '(or PKCS11_PIN) must be set when CA_KEYSTORE=pkcs11',
    );
  let text: string;
  try {
    text = readFileSync(isAbsolute(file) ? file : resolve(cwd, file), 'utf8');
  } catch {
    throw new ConfigError('PKCS11_PIN_FILE', 'cannot be read');
  }
  const pin = text.split(/\r?\n/)[0].trim();
  if (!pin) throw new ConfigError('PKCS11_PIN_FILE', 'is empty');
  return pin;
}
