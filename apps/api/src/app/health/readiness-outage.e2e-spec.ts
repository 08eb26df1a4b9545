import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { createTestApp, TestApp } from '../../testing/test-app';

const adminUrl =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

/** From another session, as an operator or a failover would: cut the API off its database, then let it back. */
describe('readiness through a PostgreSQL outage', () => {
  const name = `certdesk_test_${randomBytes(6).toString('hex')}`;
  let admin: Client;
  let t: TestApp;

  beforeAll(async () => {
    admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    t = await createTestApp({ type: 'postgres', url: url.toString() });
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await t?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const get = (path: string) => request(t.app.getHttpServer()).get(path);

  it('turns ready 503 (database) while PostgreSQL refuses, and 200 again by itself', async () => {
    await get('/api/health/ready').expect(200);

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    const terminated = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    expect(terminated.rowCount).toBeGreaterThan(0);

    const down = await get('/api/health/ready').expect(503);
    expect(down.body.status).toBe('not_ready');
    expect(down.body.failing).toEqual(['database', 'migrations', 'caKeys']);
    expect(down.body.checks.database.ok).toBe(false);
    const health = await get('/api/health').expect(503);
    expect(health.body).toMatchObject({
      status: 'degraded',
      database: { type: 'postgres', reachable: false },
    });
    expect(health.body.today).toBe('2026-12-01');
    await get('/api/health/live').expect(200);
    // Still refusing a few seconds later (the pool keeps trying, nothing caches the failure away).
    await new Promise((r) => setTimeout(r, 1500));
    await get('/api/health/ready').expect(503);

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const started = Date.now();
    let status = 0;
    while (Date.now() - started < 20_000) {
      status = (await get('/api/health/ready')).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    await get('/api/health').expect(200);
    console.log(
      `ready again ${Date.now() - started} ms after PostgreSQL accepted connections`,
    );
  });
});
