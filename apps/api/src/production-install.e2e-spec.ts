import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { makeTempDir, removeTempDir } from './testing/temp-dir';

/**
 * A production install as an operator makes it: the built API and package*.json in an empty folder,
 * `npm ci --omit=dev`, the migrate step, then `node dist/apps/api/main.js` in production mode on a
 * fresh PostgreSQL database. Builds the API first (Nx cache: instant when it is built already).
 */
const ROOT = resolve(__dirname, '../../..');
const adminUrl =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/test';
const MINUTE = 60_000;

/**
 * Native addons `npm ci` compiles from source here (argon2's prebuilt binary crashes on this machine,
 * better-sqlite3 finds no download): several minutes on two cores. The test installs with
 * --ignore-scripts and copies in the addons the workspace's own `npm ci` built from the same lockfile.
 */
const NATIVE_BUILDS = ['argon2', 'better-sqlite3'];

function bareModules(bundle: string): string[] {
  const names = new Set<string>();
  for (const m of readFileSync(bundle, 'utf8').matchAll(
    /require\("([^"./][^"]*)"\)/g,
  )) {
    if (m[1].startsWith('node:')) continue;
    const parts = m[1].split('/');
    names.add(m[1].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return [...names].sort();
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? done(address.port)
          : fail(new Error('no port')),
      );
    });
  });
}

describe('production install (npm ci --omit=dev) from a temporary folder', () => {
  const dir = makeTempDir('install');
  const name = `certdesk_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let admin: Client;
  let env: Record<string, string>;
  const timings: string[] = [];
  const timed = <T>(label: string, run: () => T): T => {
    const started = Date.now();
    try {
      return run();
    } finally {
      timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  };

  beforeAll(async () => {
    timed('nx build api', () =>
      execFileSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
      }),
    );
    cpSync(join(ROOT, 'dist/apps/api'), join(dir, 'dist/apps/api'), {
      recursive: true,
    });
    for (const file of ['package.json', 'package-lock.json'])
      cpSync(join(ROOT, file), join(dir, file));
    timed('npm ci --omit=dev', () =>
      execFileSync(
        'npm',
        [
          'ci',
          '--omit=dev',
          '--ignore-scripts',
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
        ],
        { cwd: dir, stdio: 'ignore' },
      ),
    );
    for (const pkg of NATIVE_BUILDS) {
      const built = join(ROOT, 'node_modules', pkg, 'build/Release');
      if (!existsSync(built)) continue; // the workspace uses the prebuilt binary too
      for (const addon of readdirSync(built).filter((f) => f.endsWith('.node')))
        cpSync(
          join(built, addon),
          join(dir, 'node_modules', pkg, 'build/Release', addon),
        );
    }
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=ib.example.jp',
        '-days',
        '2',
        '-keyout',
        join(dir, 'ib.key'),
        '-out',
        join(dir, 'ib.crt'),
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(
      join(dir, 'ca-passphrase'),
      `${randomBytes(24).toString('hex')}\n`,
    );
    admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    env = {
      PATH: process.env['PATH'] ?? '',
      CERTDESK_MODE: 'production',
      CA_KEYSTORE: 'software',
      DATABASE_URL: url.toString(),
      CA_KEY_PASSPHRASE_FILE: join(dir, 'ca-passphrase'),
      AUDIT_HMAC_KEY: randomBytes(32).toString('hex'),
      CRL_BASE_URL: 'http://crl.shinkin.example.jp',
      WEBAUTHN_RP_ID: 'certdesk.shinkin.example.jp',
      WEBAUTHN_ORIGIN: 'https://certdesk.shinkin.example.jp',
      SMTP_URL: 'smtp://127.0.0.1:9',
      IB_TLS_CERT: join(dir, 'ib.crt'),
      IB_TLS_KEY: join(dir, 'ib.key'),
      IB_TLS_PORT: '0',
      NOTICE_WORKER: 'off',
      DATA_DIR: join(dir, 'data'),
      LOG_FORMAT: 'text',
    };
  }, 15 * MINUTE);
  afterAll(async () => {
    console.log(`production install: ${timings.join(', ')}`);
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
    removeTempDir(dir);
  });

  it('declares every package the built API and CLI load as a dependency, and installs them', () => {
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'package.json'), 'utf8'),
    );
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]);
    // Loaded by name at run time, not by a require() in the bundle: Nest's HTTP platform, TypeORM's drivers.
    const dynamic = [
      '@nestjs/platform-express',
      'pg',
      'better-sqlite3',
      'reflect-metadata',
    ];
    const loaded = [
      ...new Set([
        ...bareModules(join(dir, 'dist/apps/api/main.js')),
        ...bareModules(join(dir, 'dist/apps/api/cli.js')),
        ...dynamic,
      ]),
    ];
    expect(loaded.filter((pkg) => !declared.has(pkg))).toEqual([]);
    for (const pkg of loaded)
      expect(existsSync(join(dir, 'node_modules', pkg, 'package.json'))).toBe(
        true,
      );
    // Nothing only the tests, the build or the browser apps need.
    for (const dev of [
      'jest',
      'nx',
      'typescript-eslint',
      '@angular/core',
      '@nestjs/testing',
    ])
      expect(existsSync(join(dir, 'node_modules', dev))).toBe(false);
  });

  it(
    'refuses an unsafe production start, naming the variable (a real process)',
    () => {
      const refused = spawnSync(process.execPath, ['dist/apps/api/main.js'], {
        cwd: dir,
        env: {
          ...env,
          SMTP_URL: '',
          CERTDESK_NOW: '2026-12-01T09:00:00+09:00',
        },
        encoding: 'utf8',
        timeout: MINUTE,
      });
      expect({
        status: refused.status,
        signal: refused.signal,
        error: refused.error?.message,
      }).toEqual({ status: 1, signal: null, error: undefined });
      expect(refused.stderr).toMatch(
        /Invalid configuration: SMTP_URL must be set in production/,
      );
      expect(refused.stderr).toMatch(
        /Invalid configuration: CERTDESK_NOW must be unset/,
      );
    },
    2 * MINUTE,
  );

  it(
    'migrates as a step, starts dist/apps/api/main.js in production mode and answers ready',
    async () => {
      const migrated = timed('cli.js migrate', () =>
        spawnSync(process.execPath, ['dist/apps/api/cli.js', 'migrate'], {
          cwd: dir,
          env,
          encoding: 'utf8',
          timeout: 3 * MINUTE,
        }),
      );
      expect(migrated.stderr).toBe('');
      expect(migrated.status).toBe(0);
      const port = await freePort();
      const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
        cwd: dir,
        env: { ...env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c) => (output += String(c)));
      child.stderr.on('data', (c) => (output += String(c)));
      const exited = new Promise<number | null>((done) =>
        child.once('exit', (code) => done(code)),
      );
      try {
        const started = Date.now();
        let status = 0;
        let body: unknown = null;
        while (Date.now() - started < 2 * MINUTE && child.exitCode === null) {
          try {
            const res = await fetch(
              `http://127.0.0.1:${port}/api/health/ready`,
            );
            status = res.status;
            body = await res.json();
            if (status === 200) break;
          } catch {
            // not listening yet
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        timings.push(
          `start to ready ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        expect({
          status,
          body,
          output: status === 200 ? '' : output,
        }).toMatchObject({
          status: 200,
          body: { status: 'ready', failing: [] },
          output: '',
        });
        expect(output).toContain('production mode, database postgres');
        // The OpenAPI page is off in production (API_DOCS=on turns it on).
        expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(
          404,
        );
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    },
    5 * MINUTE,
  );
});
