import { loadConfig } from './config';
import {
  assertProductionSafe,
  ProductionRefusedError,
  productionRefusals,
} from './production-checks';
import { DEMO_AUDIT_HMAC_KEY, DEMO_CA_KEY_PASSPHRASE } from './secrets-config';

/** A production start that passes every check. */
const SAFE: Record<string, string> = {
  DATABASE_URL: 'postgres://certdesk@db:5432/certdesk',
  CA_KEYSTORE: 'software',
  CA_KEY_PASSPHRASE: 'a-real-secret-of-the-credit-union',
  CRL_BASE_URL: 'http://crl.shinkin.example.jp',
  SMTP_URL: 'smtp://mail.shinkin.example.jp:25',
  IB_TLS_CERT: '/run/secrets/ib.crt',
  IB_TLS_KEY: '/run/secrets/ib.key',
  AUDIT_HMAC_KEY: 'a-real-audit-key-of-32-characters-or-more',
  WEBAUTHN_RP_ID: 'certdesk.shinkin.example.jp',
  WEBAUTHN_ORIGIN: 'https://certdesk.shinkin.example.jp',
};

function refusals(env: Record<string, string | undefined>) {
  const full = { ...SAFE, ...env };
  return productionRefusals(loadConfig(full, '/srv'), full).map(
    (r) => r.message,
  );
}

describe('production start checks', () => {
  it('passes a safe production configuration on PostgreSQL (production by default)', () => {
    expect(loadConfig(SAFE).mode).toBe('production');
    expect(refusals({})).toEqual([]);
    expect(() => assertProductionSafe(loadConfig(SAFE), SAFE)).not.toThrow();
  });

  it.each([
    ['CA_KEY_PASSPHRASE', { CA_KEY_PASSPHRASE: undefined }, /must be set/],
    [
      'CA_KEY_PASSPHRASE',
      { CA_KEY_PASSPHRASE: DEMO_CA_KEY_PASSPHRASE },
      /published demo passphrase/,
    ],
    ['CA_KEYSTORE', { CA_KEYSTORE: undefined }, /pkcs11 .* or software/],
    [
      'AUDIT_HMAC_KEY',
      { AUDIT_HMAC_KEY: DEMO_AUDIT_HMAC_KEY },
      /published demo key/,
    ],
    ['DEMO_DATA', { DEMO_DATA: 'on' }, /must be off/],
    [
      'CERTDESK_NOW',
      { CERTDESK_NOW: '2026-12-01T09:00:00+09:00' },
      /must be unset/,
    ],
    ['CRL_BASE_URL', { CRL_BASE_URL: undefined }, /must be set/],
    ['CRL_BASE_URL', { CRL_BASE_URL: 'http://localhost:3000' }, /this machine/],
    ['CRL_BASE_URL', { CRL_BASE_URL: 'https://127.0.0.2/pki' }, /this machine/],
    ['CRL_BASE_URL', { CRL_BASE_URL: 'http://[::1]:8080' }, /this machine/],
    ['CRL_BASE_URL', { CRL_BASE_URL: 'http://crl.localhost' }, /this machine/],
    ['SMTP_URL', { SMTP_URL: undefined }, /in-process SMTP server/],
    [
      'WEBAUTHN_RP_ID',
      { WEBAUTHN_RP_ID: undefined, WEBAUTHN_ORIGIN: undefined },
      /WEBAUTHN_ORIGIN must be set/,
    ],
    [
      'WEBAUTHN_RP_ID',
      { WEBAUTHN_ORIGIN: undefined },
      /must be set in production/,
    ],
    ['STAFF_SECOND_FACTOR', { STAFF_SECOND_FACTOR: 'off' }, /must not be off/],
    [
      'IB_TLS_CERT',
      { IB_TLS_CERT: undefined, IB_TLS_KEY: undefined },
      /self-signed/,
    ],
    ['AUDIT_HMAC_KEY', { AUDIT_HMAC_KEY: undefined }, /outside the database/],
  ])('refuses %s (%j) and says what to do', (variable, env, hint) => {
    const found = refusals(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`^Invalid configuration: ${variable} `),
    );
    expect(found[0]).toMatch(hint);
  });

  it('refuses a CRL_BASE_URL that is not http(s) in any mode', () => {
    expect(() => refusals({ CRL_BASE_URL: 'ldap://crl.example.jp' })).toThrow(
      /^Invalid configuration: CRL_BASE_URL must be an http\(s\) URL/,
    );
  });

  it('lists every refusal at once, and none in demo mode', () => {
    const bare = { DATABASE_URL: 'postgres://x@h/db' };
    let error: unknown;
    try {
      assertProductionSafe(loadConfig(bare), bare);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProductionRefusedError);
    const message = (error as Error).message;
    for (const variable of [
      'CA_KEYSTORE',
      'CA_KEY_PASSPHRASE',
      'CRL_BASE_URL',
      'SMTP_URL',
      'IB_TLS_CERT',
      'AUDIT_HMAC_KEY',
    ])
      expect(message).toContain(`Invalid configuration: ${variable} `);
    const demo = { ...bare, CERTDESK_MODE: 'demo', DEMO_DATA: 'on' };
    expect(productionRefusals(loadConfig(demo), demo)).toEqual([]);
    expect(productionRefusals(loadConfig({}), {})).toEqual([]);
  });

  it('allows a production start without the IB listener to go without its certificate', () => {
    expect(
      refusals({
        IB_TLS_PORT: 'off',
        IB_TLS_CERT: undefined,
        IB_TLS_KEY: undefined,
      }),
    ).toEqual([]);
  });

  it('is production on SQLite when asked: no demo data, no API docs, no demo passphrase', () => {
    const config = loadConfig({ CERTDESK_MODE: 'production' });
    expect(config).toMatchObject({ demoData: false, apiDocs: false });
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ ...SAFE, API_DOCS: 'on' }).apiDocs).toBe(true);
  });
});
