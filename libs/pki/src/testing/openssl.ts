import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toPem } from '../lib/signing';

export interface OpensslResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The `openssl` CLI in a temp directory, for tests that check our certificates, CRLs and request
 * checks against the reference implementation. `close()` removes the directory.
 */
export class Openssl {
  readonly dir = mkdtempSync(join(tmpdir(), 'certdesk-openssl-'));
  private counter = 0;

  /** Writes `content` to a new file in the temp directory and returns its path. */
  file(name: string, content: string | Buffer): string {
    const path = join(this.dir, `${this.counter++}-${name}`);
    writeFileSync(path, content);
    return path;
  }

  run(args: string[]): OpensslResult {
    const r = spawnSync('openssl', args, { cwd: this.dir, encoding: 'utf8' });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** Like {@link run}, failing loudly unless openssl exits 0. */
  ok(args: string[]): string {
    const r = this.run(args);
    if (r.status !== 0)
      throw new Error(
        `openssl ${args.join(' ')} failed (${r.status}): ${r.stderr}`,
      );
    return r.stdout;
  }

  /**
   * A key and a PKCS#10 request made the way a customer's tooling would: `rsa:<bits>` with an optional
   * public exponent, or `ec` (P-256). Returns the request PEM and the key PEM.
   */
  request(
    options: {
      key?: 'rsa' | 'ec';
      bits?: number;
      exponent?: number;
      subject?: string;
    } = {},
  ): { csrPem: string; keyPem: string } {
    const keyFile = join(this.dir, `${this.counter++}-key.pem`);
    const csrFile = join(this.dir, `${this.counter++}-req.pem`);
    if (options.key === 'ec') {
      this.ok([
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-out',
        keyFile,
      ]);
    } else {
      this.ok([
        'genpkey',
        '-algorithm',
        'RSA',
        '-pkeyopt',
        `rsa_keygen_bits:${options.bits ?? 2048}`,
        ...(options.exponent
          ? ['-pkeyopt', `rsa_keygen_pubexp:${options.exponent}`]
          : []),
        '-out',
        keyFile,
      ]);
    }
    this.ok([
      'req',
      '-new',
      '-key',
      keyFile,
      '-subj',
      options.subject ?? '/CN=customer',
      '-sha256',
      '-out',
      csrFile,
    ]);
    return {
      csrPem: readFileSync(csrFile, 'utf8'),
      keyPem: readFileSync(keyFile, 'utf8'),
    };
  }

  /** `openssl req -new -newkey rsa:<bits>` in one step, as the brief's customers do. */
  newKeyRequest(bits: number): { csrPem: string; keyPem: string } {
    const keyFile = join(this.dir, `${this.counter++}-key.pem`);
    const csrFile = join(this.dir, `${this.counter++}-req.pem`);
    this.ok([
      'req',
      '-new',
      '-newkey',
      `rsa:${bits}`,
      '-nodes',
      '-keyout',
      keyFile,
      '-subj',
      '/CN=customer',
      '-out',
      csrFile,
    ]);
    return {
      csrPem: readFileSync(csrFile, 'utf8'),
      keyPem: readFileSync(keyFile, 'utf8'),
    };
  }

  /** `openssl verify -CAfile` at `at` (the tests' pinned clock), optionally with CRL checking. */
  verify(
    caPem: string,
    certPem: string,
    options: { at?: Date; crlDer?: Buffer } = {},
  ): OpensslResult {
    const args = ['verify', '-CAfile', this.file('ca.pem', caPem)];
    if (options.at)
      args.push('-attime', String(Math.floor(options.at.getTime() / 1000)));
    if (options.crlDer)
      args.push(
        '-crl_check',
        '-CRLfile',
        this.file('crl.pem', toPem('X509 CRL', options.crlDer)),
      );
    return this.run([...args, this.file('cert.pem', certPem)]);
  }

  /** `openssl x509 -text -noout`. */
  x509Text(certPem: string): string {
    return this.ok([
      'x509',
      '-in',
      this.file('cert.pem', certPem),
      '-noout',
      '-text',
      '-nameopt',
      'utf8',
    ]);
  }

  /** `openssl crl -inform DER -CAfile ca.pem -noout -text`: stderr/stdout say `verify OK` when the signature holds. */
  crl(crlDer: Buffer, caPem: string): OpensslResult {
    return this.run([
      'crl',
      '-inform',
      'DER',
      '-in',
      this.file('crl.der', crlDer),
      '-CAfile',
      this.file('ca.pem', caPem),
      '-noout',
      '-text',
    ]);
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The same request with one bit of its signature flipped. */
export function tamperSignature(csrPem: string): string {
  const der = Buffer.from(
    csrPem.replace(/-----[A-Z ]+-----|\s+/g, ''),
    'base64',
  );
  der[der.length - 1] ^= 0x01;
  return toPem('CERTIFICATE REQUEST', der);
}
