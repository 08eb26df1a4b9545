import {
  SECOND_FACTOR_POLICIES,
  SecondFactorPolicy,
  STEP_UP_MAX_AGE_MS,
} from '@certdesk/domain';
import type { AppMode } from './config';
import { ConfigError } from './config';

/**
 * Staff second factor (issue 21):
 * - `STAFF_SECOND_FACTOR`: the policy of every credit union that has not chosen its own — `off`,
 *   `managers` (役席 and システム管理 must have one) or `all`. Default `managers` in production,
 *   `off` in demo mode (the two-command demo needs no authenticator);
 * - `WEBAUTHN_RP_ID`: the passkeys' relying-party id, the console's host name (demo: `localhost`);
 * - `WEBAUTHN_ORIGIN`: the console's origin(s) as the browser sees them, comma-separated
 *   (default `http://localhost:<PORT>` for `localhost`, otherwise `https://<WEBAUTHN_RP_ID>`).
 */
export interface SecondFactorConfig {
  policy: SecondFactorPolicy;
  rpId: string;
  rpName: string;
  origins: string[];
  /** Both WebAuthn settings were given (a production start refuses otherwise). */
  webauthnConfigured: boolean;
  /**
   * `STEP_UP_MAX_AGE_SECONDS`: how young a second-factor proof a decision needs, 1–300 (default
   * 300: five minutes). Only shorter is allowed (a stricter installation; the browser tests on a
   * real clock).
   */
  stepUpMaxAgeMs: number;
}

type Env = Record<string, string | undefined>;

export function parseSecondFactor(
  env: Env,
  mode: AppMode,
  port: number,
): SecondFactorConfig {
  const policy =
    env['STAFF_SECOND_FACTOR'] || (mode === 'production' ? 'managers' : 'off');
  if (!(SECOND_FACTOR_POLICIES as readonly string[]).includes(policy))
    throw new ConfigError(
      'STAFF_SECOND_FACTOR',
      `must be ${SECOND_FACTOR_POLICIES.join(', ')} (got "${policy}")`,
    );
  const rpId = (env['WEBAUTHN_RP_ID'] || 'localhost').toLowerCase();
  if (!/^[a-z0-9.-]{1,253}$/.test(rpId))
    throw new ConfigError(
      'WEBAUTHN_RP_ID',
      `must be a host name such as certdesk.example.jp (got "${rpId}")`,
    );
  const fallback =
    rpId === 'localhost' ? `http://localhost:${port}` : `https://${rpId}`;
  const origins = (env['WEBAUTHN_ORIGIN'] || fallback)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(
        'WEBAUTHN_ORIGIN',
        `must be origins such as https://certdesk.example.jp (got "${origin}")`,
      );
    }
    if (url.origin !== origin.replace(/\/$/, ''))
      throw new ConfigError(
        'WEBAUTHN_ORIGIN',
        `must be origins without a path (got "${origin}")`,
      );
    if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`))
      throw new ConfigError(
        'WEBAUTHN_ORIGIN',
        `must be on WEBAUTHN_RP_ID "${rpId}" or a subdomain of it (got "${origin}")`,
      );
  }
  return {
    policy: policy as SecondFactorPolicy,
    rpId,
    rpName: 'certdesk 電子証明書管理',
    origins: origins.map((o) => o.replace(/\/$/, '')),
    webauthnConfigured: !!env['WEBAUTHN_RP_ID'] && !!env['WEBAUTHN_ORIGIN'],
    stepUpMaxAgeMs: parseStepUpMaxAge(env['STEP_UP_MAX_AGE_SECONDS']),
  };
}

function parseStepUpMaxAge(value: string | undefined): number {
  if (!value) return STEP_UP_MAX_AGE_MS;
  const seconds = Number(value);
  if (
    !Number.isInteger(seconds) ||
    seconds < 1 ||
    seconds * 1000 > STEP_UP_MAX_AGE_MS
  )
    throw new ConfigError(
      'STEP_UP_MAX_AGE_SECONDS',
      `must be a whole number of seconds from 1 to ${STEP_UP_MAX_AGE_MS / 1000} (got "${value}")`,
    );
  return seconds * 1000;
}

/** What a production start refuses about the second factor (see production-checks.ts). */
export function secondFactorRefusals(
  config: SecondFactorConfig,
): ConfigError[] {
  const refusals: ConfigError[] = [];
  if (!config.webauthnConfigured)
    refusals.push(
      new ConfigError(
        'WEBAUTHN_RP_ID',
        'and WEBAUTHN_ORIGIN must be set in production to the console’s host name and origin (e.g. certdesk.example.jp and https://certdesk.example.jp): passkeys are bound to them',
      ),
    );
  if (config.policy === 'off')
    refusals.push(
      new ConfigError(
        'STAFF_SECOND_FACTOR',
        'must not be off in production: managers and admins need a second factor (managers or all)',
      ),
    );
  return refusals;
}
