import { AppConfig, ConfigError } from './config';
import { DEMO_AUDIT_HMAC_KEY, DEMO_CA_KEY_PASSPHRASE } from './secrets-config';
import { assertKeystoreChosen } from './keystore-config';
import { secondFactorRefusals } from './second-factor-config';

type Env = Record<string, string | undefined>;

/** Every unsafe setting of a production start, each naming its variable and what to do. */
export class ProductionRefusedError extends ConfigError {
  constructor(readonly refusals: ConfigError[]) {
    super(refusals[0].variable, '');
    this.name = 'ProductionRefusedError';
    this.message = [
      `CERTDESK_MODE=production: the start is refused (${refusals.length} setting(s) to fix):`,
      ...refusals.map((r) => `  - ${r.message}`),
    ].join('\n');
  }
}

/**
 * What a production start refuses: settings that are right for a demo on one machine and wrong for
 * an installation (a published passphrase, a frozen clock, CRL URLs that point at the server itself,
 * the in-process SMTP server, a self-signed IB certificate). Empty in demo mode.
 */
export function productionRefusals(
  config: AppConfig,
  env: Env = process.env,
): ConfigError[] {
  if (config.mode !== 'production') return [];
  const refusals: ConfigError[] = [];
  const refuse = (variable: string, reason: string): void => {
    refusals.push(new ConfigError(variable, reason));
  };
  const adopt = (check: () => unknown): void => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      refusals.push(error);
    }
  };
  adopt(() => assertKeystoreChosen(config.mode, config.caKeystore));
  const software = config.caKeystore.kind === 'software';
  if (software && !config.caKeyPassphrase)
    refuse(
      'CA_KEY_PASSPHRASE',
      'must be set in production: a secret of 16+ characters that encrypts the CA private keys (keep it with the database backups)',
    );
  else if (software && config.caKeyPassphrase === DEMO_CA_KEY_PASSPHRASE)
    refuse(
      'CA_KEY_PASSPHRASE',
      'is the published demo passphrase: choose a secret of your own (16+ characters)',
    );
  if (config.audit.hmacKey === DEMO_AUDIT_HMAC_KEY)
    refuse(
      'AUDIT_HMAC_KEY',
      'is the published demo key: generate one (openssl rand -hex 32) and keep it outside the database',
    );
  if (config.demoData)
    refuse(
      'DEMO_DATA',
      'must be off or unset in production: demo data brings staff accounts with a published password',
    );
  if (config.fixedNow)
    refuse(
      'CERTDESK_NOW',
      'must be unset in production: it freezes the clock that expiries, notices and certificates follow',
    );
  const crl = env['CRL_BASE_URL'];
  if (!crl)
    refuse(
      'CRL_BASE_URL',
      'must be set in production to the http(s) address customers reach the CRLs at, e.g. http://crl.example.jp (it is written into every certificate for good)',
    );
  else if (isLoopback(config.crlBaseUrl))
    refuse(
      'CRL_BASE_URL',
      `points at this machine (${config.crlBaseUrl}): set the public http(s) address customers reach the CRLs at`,
    );
  if (!config.smtp.url)
    refuse(
      'SMTP_URL',
      'must be set in production to the mail server notices go to (smtp://host:port); the in-process SMTP server and GET /api/dev/mailbox are demo only',
    );
  if (config.ib.tlsPort !== null && !config.ib.certFile)
    refuse(
      'IB_TLS_CERT',
      'and IB_TLS_KEY must be set in production to the IB channel server certificate and key (PEM files); the self-signed localhost certificate is demo only (or IB_TLS_PORT=off)',
    );
  if (!config.audit.hmacKey)
    refuse(
      'AUDIT_HMAC_KEY',
      "must be set in production: a secret of 32+ characters (e.g. openssl rand -hex 32), kept outside the database, that keys the audit log's hash chain",
    );
  refusals.push(...secondFactorRefusals(config.secondFactor));
  return refusals;
}

/** Throws a {@link ProductionRefusedError} listing every refusal; nothing in demo mode. */
export function assertProductionSafe(
  config: AppConfig,
  env: Env = process.env,
): void {
  const refusals = productionRefusals(config, env);
  if (refusals.length) throw new ProductionRefusedError(refusals);
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '0.0.0.0' ||
    host === '::1' ||
    host === '::' ||
    /^::ffff:7f/.test(host)
  );
}
