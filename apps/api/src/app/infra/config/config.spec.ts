import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from './config';
import {
  DEMO_CA_KEY_PASSPHRASE,
  resolveCaKeyPassphrase,
} from './secrets-config';

describe('loadConfig', () => {
  it('defaults to a SQLite file under ./data, port 3000, the real clock and demo data', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/app/data',
      database: { type: 'sqlite', file: '/srv/app/data/certdesk.sqlite' },
      fixedNow: null,
      demoData: true,
      demoPassword: DEFAULT_DEMO_PASSWORD,
      consoleDir: '/srv/app/dist/apps/console/browser',
    });
  });

  it('serves no console when CONSOLE_DIR is empty, and resolves a relative one', () => {
    expect(loadConfig({ CONSOLE_DIR: '' }).consoleDir).toBeNull();
    expect(loadConfig({ CONSOLE_DIR: 'web' }, '/srv/app').consoleDir).toBe(
      '/srv/app/web',
    );
    expect(loadConfig({ CONSOLE_DIR: '/opt/console' }).consoleDir).toBe(
      '/opt/console',
    );
  });

  it('takes PostgreSQL from a postgres:// URL and then seeds no demo data unless asked', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
    });
    expect(config.database).toEqual({
      type: 'postgres',
      url: 'postgres://root@127.0.0.1:5432/test',
    });
    expect(config.demoData).toBe(false);
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://x@h/db', DEMO_DATA: 'on' })
        .demoData,
    ).toBe(true);
  });

  it('is a demo on SQLite and production on PostgreSQL unless CERTDESK_MODE says otherwise', () => {
    expect(loadConfig({}).mode).toBe('demo');
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).mode).toBe(
      'production',
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://x@h/db', CERTDESK_MODE: 'demo' })
        .mode,
    ).toBe('demo');
    expect(loadConfig({ CERTDESK_MODE: 'production' }).mode).toBe('production');
  });

  it('pins the clock from CERTDESK_NOW', () => {
    expect(
      loadConfig({
        CERTDESK_NOW: '2026-12-01T09:00:00+09:00',
      }).fixedNow?.toISOString(),
    ).toBe('2026-12-01T00:00:00.000Z');
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/test' }],
    ['CERTDESK_MODE', { CERTDESK_MODE: 'staging' }],
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['CERTDESK_NOW', { CERTDESK_NOW: '2026-12-01' }],
    ['CERTDESK_NOW', { CERTDESK_NOW: '2026-13-01T09:00:00+09:00' }],
    ['DEMO_DATA', { DEMO_DATA: 'yes' }],
    ['DEMO_PASSWORD', { DEMO_PASSWORD: 'short' }],
    ['CA_KEY_PASSPHRASE', { CA_KEY_PASSPHRASE: 'too-short' }],
    ['CRL_BASE_URL', { CRL_BASE_URL: 'ldap://crl.example.jp' }],
    ['CRL_BASE_URL', { CRL_BASE_URL: 'http://crl.example.jp/?x=1' }],
    ['IB_TLS_PORT', { IB_TLS_PORT: 'on' }],
    ['IB_TLS_KEY', { IB_TLS_CERT: '/etc/ib/server.crt' }],
    ['DEMO_PIN', { DEMO_PIN: '12' }],
    ['DEMO_CONFIRMATION_PIN', { DEMO_CONFIRMATION_PIN: '１２３４' }],
  ])('refuses a bad %s and names it', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(
      new RegExp(`^Invalid configuration: ${variable} `),
    );
  });

  it('opens the IB channel on 3443 with a generated certificate and the demo PINs, unless told otherwise', () => {
    expect(loadConfig({}, '/srv/app').ib).toEqual({
      tlsPort: 3443,
      certFile: null,
      keyFile: null,
      portalDir: '/srv/app/dist/apps/ib-portal/browser',
      demoPin: '1234',
      demoConfirmationPin: '5678',
    });
    expect(
      loadConfig({ IB_TLS_PORT: 'off', IB_PORTAL_DIR: '' }).ib,
    ).toMatchObject({ tlsPort: null, portalDir: null });
    expect(
      loadConfig({ IB_TLS_CERT: 'tls/a.crt', IB_TLS_KEY: '/k.pem' }, '/srv').ib,
    ).toMatchObject({ certFile: '/srv/tls/a.crt', keyFile: '/k.pem' });
  });

  it('writes CRL distribution points under CRL_BASE_URL, by default this server', () => {
    expect(loadConfig({}).crlBaseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).crlBaseUrl).toBe(
      'http://localhost:8080',
    );
    expect(
      loadConfig({ CRL_BASE_URL: 'http://crl.shinkin.example.jp/pki/' })
        .crlBaseUrl,
    ).toBe('http://crl.shinkin.example.jp/pki');
  });

  it('needs CA_KEY_PASSPHRASE outside demo mode; demo mode falls back to a clearly named default', () => {
    const production = loadConfig({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
    });
    expect(production.caKeyPassphrase).toBeNull();
    expect(() => resolveCaKeyPassphrase(production)).toThrow(
      /^Invalid configuration: CA_KEY_PASSPHRASE must be set/,
    );
    const given = loadConfig({
      DATABASE_URL: 'postgres://x@h/db',
      CA_KEY_PASSPHRASE: 'a long enough passphrase',
    });
    expect(resolveCaKeyPassphrase(given)).toEqual({
      passphrase: 'a long enough passphrase',
      demoDefault: false,
    });
    expect(resolveCaKeyPassphrase(loadConfig({}))).toEqual({
      passphrase: DEMO_CA_KEY_PASSPHRASE,
      demoDefault: true,
    });
    expect(DEMO_CA_KEY_PASSPHRASE).toMatch(/demo.*NOT-FOR-PRODUCTION/);
  });
});
