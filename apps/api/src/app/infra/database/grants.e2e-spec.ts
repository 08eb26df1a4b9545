import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestApp, TestApp } from '../../../testing/test-app';
import {
  SeededTenants,
  StaffBrowser,
  seedTwoCreditUnions,
} from '../../../testing/staff-browser';
import { AuditWatch } from '../../audit/audit-watch';
import { AuditService } from '../../audit/audit.service';
import { ChainAuditor } from '../../audit/chain-auditor';

const adminUrl =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

/**
 * Issue 14 item 4 on PostgreSQL: the migrations run as an owner role (`MIGRATION_DATABASE_URL`), the API
 * as a role that may only INSERT and SELECT on the audit log. Throwaway roles, dropped afterwards.
 */
describe('least privilege on PostgreSQL: the API role against the audit log', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `certdesk_owner_${suffix}`;
  const api = `certdesk_api_${suffix}`;
  const database = `certdesk_test_roles_${suffix}`;
  const urlFor = (role: string): string => {
    const url = new URL(adminUrl);
    url.username = role;
    url.password = '';
    url.pathname = `/${database}`;
    return url.toString();
  };
  let admin: Client;
  let asApi: Client;
  let asOwner: Client;
  let t: TestApp;
  let tenants: SeededTenants;

  beforeAll(async () => {
    admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${owner} LOGIN`);
    await admin.query(`CREATE ROLE ${api} LOGIN`);
    await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`);
    t = await createTestApp(
      { type: 'postgres', url: urlFor(api) },
      {
        env: {
          CERTDESK_MODE: 'demo',
          DATABASE_URL: urlFor(api),
          MIGRATION_DATABASE_URL: urlFor(owner),
          MIGRATE_ON_START: 'on',
        },
      },
    );
    tenants = await seedTwoCreditUnions(t);
    asApi = new Client({ connectionString: urlFor(api) });
    asOwner = new Client({ connectionString: urlFor(owner) });
    await asApi.connect();
    await asOwner.connect();
  });
  afterAll(async () => {
    await asApi?.end();
    await asOwner?.end();
    await t?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${api}`);
    await admin.query(`DROP ROLE IF EXISTS ${owner}`);
    await admin.end();
  });

  it('the API runs as its role: the schema is the owner’s, sign-in and audited work succeed', async () => {
    const tables = await asApi.query(
      `SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('audit_event', 'audit_head', 'staff_user')`,
    );
    expect(tables.rows.map((r) => r.tableowner)).toEqual([owner, owner, owner]);
    const browser = await StaffBrowser.signedIn(
      t,
      tenants.username('compliance', tenants.a),
    );
    expect((await browser.get('/api/audit/verify')).body).toMatchObject({
      intact: true,
    });
    const count = await asApi.query(
      'SELECT count(*)::int AS n FROM audit_event',
    );
    expect(count.rows[0].n).toBeGreaterThan(0);
  });

  it.each([
    ['UPDATE', "UPDATE audit_event SET action = 'forged'", /permission denied/],
    ['DELETE', 'DELETE FROM audit_event', /permission denied/],
    ['TRUNCATE', 'TRUNCATE audit_event', /permission denied/],
    [
      'DISABLE TRIGGER',
      'ALTER TABLE audit_event DISABLE TRIGGER USER',
      /must be owner/,
    ],
    ['DROP', 'DROP TABLE audit_event', /must be owner/],
    [
      'UPDATE on audit_head',
      'UPDATE audit_head SET seq = 0',
      /permission denied/,
    ],
    ['DELETE on audit_head', 'DELETE FROM audit_head', /permission denied/],
  ])('as the API role, %s fails', async (_what, sql, error) => {
    await expect(asApi.query(sql)).rejects.toThrow(error);
  });

  it('a truncation by the owner role (triggers off, last N rows deleted) is reported by verification', async () => {
    const chain = tenants.a.id;
    for (let i = 0; i < 10; i++)
      await t.app.get(AuditService).record({
        creditUnionId: chain,
        actorType: 'system',
        action: 'test.event',
        outcome: 'success',
      });
    expect(await t.app.get(AuditWatch).runDailyIfDue()).toContain(chain);
    const { rows } = await asApi.query(
      'SELECT max(seq)::int AS seq FROM audit_head WHERE chain = $1',
      [chain],
    );
    const headSeq = rows[0].seq as number;
    await asOwner.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await asOwner.query(
      'DELETE FROM audit_event WHERE chain = $1 AND seq > $2',
      [chain, headSeq - 3],
    );
    await asOwner.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    expect(await t.app.get(ChainAuditor).verifyChain(chain)).toMatchObject({
      intact: false,
      firstBroken: { seq: headSeq - 2, id: null, reason: 'truncated' },
    });
  });
});
