import request from 'supertest';
import { createTestApp, TestApp } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-database';

describe.each(testDatabases())('GET /api/health on $name', (db) => {
  let t: TestApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await db.create();
    drop = created.drop;
    t = await createTestApp(created.config, { now: '2026-12-24T15:00:00Z' });
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('reports the database and the JST business date of the injected clock', async () => {
    const res = await request(t.app.getHttpServer())
      .get('/api/health')
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { type: db.name, reachable: true },
      now: '2026-12-24T15:00:00.000Z',
      today: '2026-12-25',
      fixedClock: true,
    });
  });

  if (db.name === 'postgres') {
    it('runs PostgreSQL queries without parallel workers (short concurrent requests)', async () => {
      const [shown] = await t.dataSource.query(
        'SHOW max_parallel_workers_per_gather',
      );
      expect(shown.max_parallel_workers_per_gather).toBe('0');
    });
  }

  it('answers unknown routes with a Japanese 404 and a request id', async () => {
    const res = await request(t.app.getHttpServer())
      .get('/api/no-such-thing')
      .set('X-Request-Id', 'req-12345678')
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'NOT_FOUND',
      message: '指定されたデータは見つかりません',
      requestId: 'req-12345678',
    });
    expect(res.headers['x-request-id']).toBe('req-12345678');
  });

  it('ran every migration and left no pending one', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
    const tables = [
      'credit_union',
      'branch',
      'customer',
      'ib_user',
      'certificate',
      'staff_user',
      'audit_event',
    ];
    for (const table of tables)
      await expect(
        t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`),
      ).resolves.toBeDefined();
  });
});
