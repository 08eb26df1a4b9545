import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createCa, encryptCaKey } from '@certdesk/pki';
import {
  CertificateAuthority,
  NO_CRL_YET,
} from '../pki/certificate-authority.entity';
import { seedTwoCreditUnions } from '../../testing/staff-browser';
import { describeApp } from '../../testing/describe-app';

describeApp(
  'GET /api/health on $name',
  { now: '2026-12-24T15:00:00Z' },
  ({ db, t }) => {
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

    it('answers liveness and readiness: the database, no pending migration, every CA key opens', async () => {
      const server = t.app.getHttpServer();
      expect(
        (await request(server).get('/api/health/live').expect(200)).body,
      ).toEqual({
        status: 'live',
      });
      const ready = await request(server).get('/api/health/ready').expect(200);
      expect(ready.body).toEqual({
        status: 'ready',
        failing: [],
        checks: {
          database: { ok: true },
          migrations: { ok: true },
          caKeys: { ok: true },
        },
      });
    });

    it('is not ready while a migration of this build is pending, and names it', async () => {
      const [last] = await t.dataSource.query(
        'SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1',
      );
      await t.dataSource.query('DELETE FROM migrations WHERE id = ' + last.id);
      try {
        const res = await request(t.app.getHttpServer())
          .get('/api/health/ready')
          .expect(503);
        expect(res.body.failing).toEqual(['migrations']);
        expect(res.body.checks.migrations).toMatchObject({
          ok: false,
          pending: [last.name],
        });
        expect(res.body.checks.migrations.error).toMatch(/cli\.js migrate/);
      } finally {
        await t.dataSource.query(
          'INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)'.replace(
            /\$\d/g,
            db.name === 'postgres' ? (m) => m : () => '?',
          ),
          [last.id, last.timestamp, last.name],
        );
      }
      await request(t.app.getHttpServer()).get('/api/health/ready').expect(200);
    });

    it('is not ready when a CA key does not open with CA_KEY_PASSPHRASE', async () => {
      const seeded = await seedTwoCreditUnions(t);
      const made = createCa({
        commonName: 'よそのCA',
        organization: 'よそ',
        now: t.clock.now(),
        validityYears: 20,
      });
      const repo = t.dataSource.getRepository(CertificateAuthority);
      await repo.delete({ creditUnionId: seeded.b.id });
      await repo.insert({
        id: randomUUID(),
        creditUnionId: seeded.b.id,
        certificatePem: made.certificatePem,
        encryptedKeyPem: await encryptCaKey(
          made.privateKeyPem,
          'another-passphrase-entirely-0123',
        ),
        ...NO_CRL_YET,
        createdAt: t.clock.now(),
      });
      const res = await request(t.app.getHttpServer())
        .get('/api/health/ready')
        .expect(503);
      expect(res.body.failing).toEqual(['caKeys']);
      expect(res.body.checks.caKeys.error).toMatch(
        /CA_KEY_PASSPHRASE does not decrypt the CA key of credit union 1002/,
      );
      await repo.delete({ creditUnionId: seeded.b.id });
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
  },
);
