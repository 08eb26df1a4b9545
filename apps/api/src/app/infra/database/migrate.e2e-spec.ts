import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { createTestApp } from '../../../testing/test-app';
import {
  postgresDatabases,
  testDatabases,
} from '../../../testing/test-database';
import { loadMigrationConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { migrate, pendingMigrations } from './migrate';

const ROOT = join(__dirname, '../../../../../..');
const CLI = join(ROOT, 'apps/api/src/cli.ts');
const adminUrl =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

/** `cli.js migrate` as a separate process (through ts-node, as the built CLI would run it). */
function migrateProcess(
  databaseUrl: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      CLI,
      'migrate',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        TS_NODE_PROJECT: join(ROOT, 'apps/api/tsconfig.spec.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) =>
    child.once('exit', (code) => done({ code, output })),
  );
}

describe('migrations as a step: two processes migrate one empty PostgreSQL database at once', () => {
  it('both exit 0 and every migration is applied exactly once (pg_advisory_lock)', async () => {
    const db =
      testDatabases().find((d) => d.name === 'postgres') ??
      postgresDatabases(adminUrl);
    const { config, drop } = await db.create();
    if (config.type !== 'postgres') throw new Error('PostgreSQL expected');
    try {
      const [first, second] = await Promise.all([
        migrateProcess(config.url),
        migrateProcess(config.url),
      ]);
      expect([first.code, second.code, first.output + second.output]).toEqual([
        0,
        0,
        expect.any(String),
      ]);
      // One applied them all, the other waited for the lock and found nothing pending.
      const applied = [first.output, second.output].filter((o) =>
        o.includes('マイグレーション完了'),
      );
      expect(applied).toHaveLength(1);

      const client = new Client({ connectionString: config.url });
      await client.connect();
      const names = (await client.query('SELECT name FROM migrations')).rows;
      const tables = (
        await client.query(
          "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_event'",
        )
      ).rows[0].n;
      await client.end();
      expect(names.length).toBe(MIGRATIONS.length);
      expect(new Set(names.map((r) => r.name)).size).toBe(MIGRATIONS.length);
      expect(tables).toBe(1);
    } finally {
      await drop();
    }
  }, 120_000);
});

describe.each(testDatabases())(
  'a start with MIGRATE_ON_START=off on $name',
  (db) => {
    it('refuses while migrations are pending, naming the migrate step; starts once they are applied', async () => {
      const { config, drop } = await db.create();
      try {
        await expect(
          createTestApp(config, { env: { MIGRATE_ON_START: 'off' } }),
        ).rejects.toThrow(
          /MIGRATE_ON_START is off and the database has \d+ pending migration\(s\).*run the migrate step first \(npm run migrate/,
        );
        const ran = await migrate({
          database: config,
          migrations: { onStart: false, ownerUrl: null },
        });
        expect(ran).toHaveLength(MIGRATIONS.length);
        const t = await createTestApp(config, {
          env: { MIGRATE_ON_START: 'off' },
        });
        const probe = await new DataSource(
          dataSourceOptions(config),
        ).initialize();
        expect(await pendingMigrations(probe)).toEqual([]);
        await probe.destroy();
        await t.close();
      } finally {
        await drop();
      }
    });
  },
);

describe('MIGRATE_ON_START', () => {
  it('defaults to on in demo and off in production; MIGRATION_DATABASE_URL is for PostgreSQL only', () => {
    expect(loadMigrationConfig({}).migrations).toEqual({
      onStart: true,
      ownerUrl: null,
    });
    expect(
      loadMigrationConfig({ DATABASE_URL: 'postgres://api@db/certdesk' })
        .migrations,
    ).toEqual({ onStart: false, ownerUrl: null });
    expect(
      loadMigrationConfig({
        DATABASE_URL: 'postgres://api@db/certdesk',
        MIGRATE_ON_START: 'on',
        MIGRATION_DATABASE_URL: 'postgres://owner@db/certdesk',
      }).migrations,
    ).toEqual({ onStart: true, ownerUrl: 'postgres://owner@db/certdesk' });
    expect(() =>
      loadMigrationConfig({
        MIGRATION_DATABASE_URL: 'postgres://owner@db/certdesk',
      }),
    ).toThrow(/MIGRATION_DATABASE_URL applies to PostgreSQL only/);
    expect(() => loadMigrationConfig({ MIGRATE_ON_START: 'yes' })).toThrow(
      /MIGRATE_ON_START must be on or off/,
    );
  });
});
