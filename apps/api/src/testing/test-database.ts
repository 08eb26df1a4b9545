import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { DatabaseConfig } from '../app/infra/config/config';
import { makeTempDir, removeTempDir } from './temp-dir';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Creates a fresh, empty database; returns its config and a function that removes it. */
  create(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create() {
    const dir = makeTempDir('test');
    return {
      config: { type: 'sqlite', file: join(dir, 'test.sqlite') },
      drop: async () => removeTempDir(dir),
    };
  },
};

/** Fresh PostgreSQL databases on the server of `adminUrl` (a role that may create databases). */
export function postgresDatabases(adminUrl: string): TestDatabase {
  return {
    name: 'postgres',
    async create() {
      const name = `certdesk_test_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        config: { type: 'postgres', url: url.toString() },
        drop: async () => {
          const c = new Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL too when `TEST_DATABASE_URL` is set (CI sets it). Use with `describe.each`. */
export function testDatabases(): TestDatabase[] {
  const url = process.env['TEST_DATABASE_URL'];
  return url ? [sqlite, postgresDatabases(url)] : [sqlite];
}
