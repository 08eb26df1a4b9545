import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient, IbIdentity } from '../../../testing/ib-client';
import { addIbUser, withPins } from '../../../testing/pki';
import {
  SeededTenants,
  seedTwoCreditUnions,
  StaffBrowser,
} from '../../../testing/staff-browser';
import { createTestApp, TestApp } from '../../../testing/test-app';
import { backupSqlite, BackupError, restoreSqlite } from './sqlite-backup';
import { makeTempDir, removeTempDir } from '../../../testing/temp-dir';

const ROOT = resolve(__dirname, '../../../../../..');
const PIN = '2468';
const CONFIRMATION = '13579';

const TABLES =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search%' AND name NOT LIKE 'ib_user_search%' ORDER BY name";

/** Row counts of every table (not SQLite's own, not the FTS index's shadow tables), through the running app. */
async function rowCounts(ds: DataSource): Promise<Record<string, number>> {
  const tables: { name: string }[] = await ds.query(TABLES);
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = Number(
      (await ds.query(`SELECT COUNT(*) AS n FROM "${name}"`))[0].n,
    );
  return counts;
}

/** The same, read from a database file that no app has opened yet. */
function fileRowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const counts: Record<string, number> = {};
    for (const { name } of db.prepare(TABLES).all() as { name: string }[])
      counts[name] = (
        db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }
      ).n;
    return counts;
  } finally {
    db.close();
  }
}

/** The backup in a process of its own, as `npm run backup` runs beside the API. */
function backupInChild(source: string, out: string): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-e',
      `require(${JSON.stringify(join(__dirname, 'sqlite-backup.ts'))}).backupSqlite(${JSON.stringify(source)}, ${JSON.stringify(out)})`,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'apps/api/tsconfig.spec.json'),
      },
    },
  );
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

describe('SQLite backup while the API runs, restore into a fresh data folder', () => {
  const root = makeTempDir('backup');
  const portalDir = join(root, 'portal');
  const live = join(root, 'live');
  const openssl = new Openssl();
  let t: TestApp;
  let seeded: SeededTenants;
  let ib: IbClient;

  async function customerWithCertificate(): Promise<
    IbIdentity & { loginId: string }
  > {
    const user = await withPins(
      t,
      await addIbUser(t, seeded.a),
      PIN,
      CONFIRMATION,
    );
    const { keyPem, csrPem } = openssl.newKeyRequest(2048);
    const res = await ib.post('/ib/acquisitions', {
      creditUnionCode: seeded.a.code,
      loginId: user.loginId,
      pin: PIN,
      confirmationPin: CONFIRMATION,
      csr: csrPem,
    });
    expect(res.status).toBe(201);
    return { keyPem, certPem: res.body.certificatePem, loginId: user.loginId };
  }

  const appOn = (dataDir: string, env: Record<string, string> = {}) =>
    createTestApp(
      { type: 'sqlite', file: join(dataDir, 'certdesk.sqlite') },
      {
        env: {
          IB_TLS_PORT: '0',
          DATA_DIR: dataDir,
          IB_PORTAL_DIR: portalDir,
          ...env,
        },
      },
    );

  beforeAll(async () => {
    mkdirSync(portalDir, { recursive: true });
    writeFileSync(
      join(portalDir, 'index.html'),
      '<!doctype html><title>IB</title>',
    );
    t = await appOn(live);
    seeded = await seedTwoCreditUnions(t);
    ib = new IbClient(t);
  }, 60_000);
  afterAll(async () => {
    openssl.close();
    await t?.close();
    removeTempDir(root);
  });

  it('copies a consistent snapshot while requests keep writing (the audit chain of the copy is intact)', async () => {
    const during = join(root, 'during.sqlite');
    let writing = true;
    const writes = (async () => {
      let n = 0;
      while (writing) {
        // Each log-in writes a session and an audit record through the running API.
        const res = await StaffBrowser.of(t).login('manager-1001');
        expect(res.status).toBe(200);
        n++;
      }
      return n;
    })();
    const code = await backupInChild(join(live, 'certdesk.sqlite'), during);
    writing = false;
    expect(code).toBe(0);
    expect(await writes).toBeGreaterThan(0);

    const restoredDir = join(root, 'restored-during');
    restoreSqlite(during, join(restoredDir, 'certdesk.sqlite'));
    const t2 = await appOn(restoredDir);
    try {
      const compliance = StaffBrowser.of(t2);
      await compliance.login('compliance-1001');
      const verify = await compliance.get('/api/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ intact: true, firstBroken: null });
    } finally {
      await t2.close();
    }
  }, 120_000);

  it('restores the same rows; the audit chain verifies and an issued certificate still logs on', async () => {
    const me = await customerWithCertificate();
    expect((await ib.as(me).get('/ib/me')).status).toBe(200);
    const before = await rowCounts(t.dataSource);
    expect(before['certificate']).toBeGreaterThan(0);

    const file = join(root, 'backup.sqlite');
    backupSqlite(join(live, 'certdesk.sqlite'), file);
    expect(() => backupSqlite(join(live, 'certdesk.sqlite'), file)).toThrow(
      BackupError,
    );

    const restoredDir = join(root, 'restored');
    restoreSqlite(file, join(restoredDir, 'certdesk.sqlite'));
    expect(() =>
      restoreSqlite(file, join(restoredDir, 'certdesk.sqlite')),
    ).toThrow(/復元先に既にデータベースがあります/);

    expect(fileRowCounts(join(restoredDir, 'certdesk.sqlite'))).toEqual(before);
    const t2 = await appOn(restoredDir);
    try {
      const compliance = StaffBrowser.of(t2);
      await compliance.login('compliance-1001');
      const verify = await compliance.get('/api/audit/verify');
      expect(verify.body).toMatchObject({ intact: true, firstBroken: null });
      expect(verify.body.checked).toBeGreaterThan(0);
      const restoredIb = new IbClient(t2).as(me);
      expect((await restoredIb.get('/ib/me')).body).toMatchObject({
        ibUser: { loginId: me.loginId },
        status: 'valid',
      });
      // The rebuilt search index finds the customer by name.
      const search = await t2.dataSource.query(
        "SELECT COUNT(*) AS n FROM customer_search WHERE customer_search MATCH '\"' || (SELECT substr(search_key, 1, 3) FROM customer LIMIT 1) || '\"'",
      );
      expect(Number(search[0].n)).toBeGreaterThan(0);
    } finally {
      await t2.close();
    }

    // The CA keys open only with the passphrase they were encrypted with.
    const otherDir = join(root, 'restored-other-passphrase');
    restoreSqlite(file, join(otherDir, 'certdesk.sqlite'));
    await expect(
      appOn(otherDir, { CA_KEY_PASSPHRASE: 'a-different-passphrase-0123456' }),
    ).rejects.toThrow(/CA_KEY_PASSPHRASE does not decrypt the CA key/);
  }, 120_000);
});
