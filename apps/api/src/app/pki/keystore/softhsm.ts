import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's SoftHSM2 module (`apt-get install softhsm2`). */
export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';

/** A SoftHSM2 token in a directory of its own (tests and `bench:issue`), never the system's. */
export interface TemporarySoftHsmToken {
  label: string;
  /** The slot ID SoftHSM gave the token (`PKCS11_SLOT`). */
  slot: number;
  /** The environment that points the API at it (`CA_KEYSTORE=pkcs11` …). */
  env: Record<string, string>;
  /** Takes the token away (as if unplugged): its directory moves out of SoftHSM's sight. */
  remove(): void;
  /** Puts it back. */
  restore(): void;
  destroy(): void;
}

export function softHsmAvailable(): boolean {
  return existsSync(SOFTHSM_LIBRARY);
}

/**
 * Initialises a fresh token with softhsm2-util in a temporary token directory. SoftHSM reads
 * `SOFTHSM2_CONF` at C_Initialize: this process's variable names one file per process, rewritten
 * here to point at the new directory (a Jest worker cannot change its real environment per test
 * file: `process.env` there is a copy, and `process.loadEnvFile` sets a variable only once).
 */
export function temporarySoftHsmToken(
  label = 'certdesk-ca',
  pin = '24681357',
): TemporarySoftHsmToken {
  const dir = mkdtempSync(join(tmpdir(), 'certdesk-softhsm-'));
  const tokens = join(dir, 'tokens');
  const away = join(dir, 'removed');
  mkdirSync(tokens);
  const conf = join(tmpdir(), `certdesk-softhsm2-${process.pid}.conf`);
  writeFileSync(
    conf,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const initialised = execFileSync(
    'softhsm2-util',
    [
      '--init-token',
      '--free',
      '--label',
      label,
      '--so-pin',
      '87654321',
      '--pin',
      pin,
    ],
    { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: 'pipe' },
  ).toString();
  const slot = Number(/reassigned to slot (\d+)/.exec(initialised)?.[1]);
  process.env['SOFTHSM2_CONF'] = conf;
  const envFile = join(dir, 'softhsm.env');
  writeFileSync(envFile, `SOFTHSM2_CONF=${conf}\n`);
  process.loadEnvFile(envFile); // the real environment, also under Jest
  const tokenDir = join(tokens, readdirSync(tokens)[0]);
  return {
    label,
    slot,
    env: {
      CA_KEYSTORE: 'pkcs11',
      PKCS11_LIBRARY: SOFTHSM_LIBRARY,
      PKCS11_TOKEN_LABEL: label,
      PKCS11_PIN: pin,
    },
    remove: () => renameSync(tokenDir, away),
    restore: () => renameSync(away, tokenDir),
    destroy: () => rmSync(dir, { recursive: true, force: true }),
  };
}
