import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestApp, TestApp } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-database';
import {
  withGuardsMigrationReverted,
  withoutAuditGuards,
} from '../../testing/audit-guards';
import { Transactions } from '../infra/database/transactions';
import { requestContext } from '../infra/tenancy/request-context';
import { AuditEvent } from './audit-event.entity';
import { auditHash, keyedAuditHash } from './audit-hash';
import { AuditKey } from './audit-key';
import { AuditQueryService } from './audit-query.service';
import { AuditService } from './audit.service';

const APPEND_ONLY = 'audit_event is append-only';

/**
 * A throwaway test database need not wait for the disk at every commit: 5000 serialised commits
 * would otherwise measure fsync latency. Locking and visibility are unchanged.
 */
async function relaxDurability(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(
    `ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET synchronous_commit = off`,
  );
  await client.end();
}

describe.each(testDatabases())('audit log on $name', (db) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let audit: AuditService;
  let queries: AuditQueryService;

  beforeAll(async () => {
    const created = await db.create();
    drop = created.drop;
    if (created.config.type === 'postgres')
      await relaxDurability(created.config.url);
    t = await createTestApp(created.config);
    audit = t.app.get(AuditService);
    queries = t.app.get(AuditQueryService);
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  /** Runs `fn` as a signed-in compliance officer of `creditUnionId`. */
  const as = <T>(
    creditUnionId: string,
    fn: () => Promise<T>,
    username = 'compliance-1',
  ): Promise<T> =>
    requestContext.run(
      {
        requestId: 'test',
        ip: '127.0.0.1',
        principal: {
          staffId: randomUUID(),
          username,
          displayName: '監査 太郎',
          role: 'compliance',
          creditUnionId,
          sessionId: 's',
          mustChangePassword: false,
        },
      },
      fn,
    );
  const write = (creditUnionId: string, count: number, action = 'test.event') =>
    as(creditUnionId, async () => {
      for (let i = 0; i < count; i++)
        await audit.record({ action, outcome: 'success', details: { i } });
    });
  const rows = (chain: string) =>
    t.dataSource
      .getRepository(AuditEvent)
      .find({ where: { chain }, order: { seq: 'ASC' } });
  const verify = (creditUnionId: string) =>
    as(creditUnionId, () => queries.verify());
  const change = () => t.dataSource.createQueryBuilder().update(AuditEvent);
  const remove = () =>
    t.dataSource.createQueryBuilder().delete().from(AuditEvent);

  /** An attacker with database access: the append-only guards are switched off around `fn`. */
  const withoutGuards = (fn: () => Promise<unknown>) =>
    withoutAuditGuards(t, fn);

  it('keeps one unbroken chain under 50 concurrent writers × 100 events', async () => {
    const cu = randomUUID();
    const started = Date.now();
    await as(cu, () =>
      Promise.all(
        Array.from({ length: 50 }, async (_, writer) => {
          for (let i = 0; i < 100; i++)
            await audit.record({
              action: 'test.concurrent',
              outcome: 'success',
              details: { writer, i },
            });
        }),
      ),
    );
    const written = Date.now() - started;
    const chain = await rows(cu);
    expect(chain.map((r) => r.seq)).toEqual(
      Array.from({ length: 5000 }, (_, i) => i + 1),
    );
    expect(new Set(chain.map((r) => r.prevHash)).size).toBe(5000);

    const verifyStarted = Date.now();
    const result = await verify(cu);
    expect(result).toEqual({
      intact: true,
      checked: 5000,
      firstBroken: null,
      headsChecked: 0,
      verifiedAt: '2026-12-01T00:00:00.000Z',
    });
    console.info(
      `[${db.name}] 5000 concurrent appends in ${written} ms, verify in ${Date.now() - verifyStarted} ms`,
    );

    const [run] = (await as(cu, () => queries.list({ limit: 1 }))).items;
    expect(run).toMatchObject({
      seq: 5001,
      action: 'audit.verify',
      outcome: 'success',
      actorName: 'compliance-1',
      details: { intact: true, checked: 5000 },
    });
  }, 120_000); // 5,000 serialised commits: ~25 s on PostgreSQL when the machine is shared

  it('fills the record from the request context and chains it from the genesis hash', async () => {
    const cu = randomUUID();
    await as(cu, () =>
      audit.record({
        action: 'reissue.approve',
        outcome: 'success',
        targetType: 'reissue_request',
        targetId: 'rr-1',
        details: { reason: 'lost_pc', pin: '1234' },
      }),
    );
    const [first] = await rows(cu);
    expect(first).toMatchObject({
      chain: cu,
      seq: 1,
      creditUnionId: cu,
      actorType: 'staff',
      actorName: 'compliance-1',
      ip: '127.0.0.1',
      requestId: 'test',
      details: '{"reason":"lost_pc"}',
      prevHash: '0'.repeat(64),
      occurredAt: new Date('2026-12-01T00:00:00.000Z'),
    });
    const key = t.app.get(AuditKey).key;
    expect(first.hashVersion).toBe(2);
    expect(first.hash).toBe(keyedAuditHash(first, key));
    expect(first.hash).not.toBe(auditHash(first));

    const anonymous = await audit.record({
      action: 'auth.login',
      outcome: 'denied',
      actorName: 'nobody',
    });
    expect(anonymous).toMatchObject({
      chain: 'system',
      creditUnionId: null,
      actorType: 'anonymous',
      ip: null,
      requestId: null,
    });
  });

  it('names an edited record (hash_mismatch) — also when re-hashed without the key — then the next one when re-hashed with the key (link_mismatch)', async () => {
    const cu = randomUUID();
    await write(cu, 10);
    const fourth = (await rows(cu))[3];
    await withoutGuards(() =>
      change()
        .set({ details: '{"i":999}' })
        .where('id = :id', { id: fourth.id })
        .execute(),
    );
    expect(await verify(cu)).toMatchObject({
      intact: false,
      checked: 4,
      firstBroken: { seq: 4, id: fourth.id, reason: 'hash_mismatch' },
    });

    const forged = { ...fourth, details: '{"i":999}' };
    // An insider without AUDIT_HMAC_KEY can only recompute an unkeyed hash: still the record itself.
    await withoutGuards(() =>
      change()
        .set({ hash: auditHash(forged) })
        .where('id = :id', { id: fourth.id })
        .execute(),
    );
    expect((await verify(cu)).firstBroken).toEqual({
      seq: 4,
      id: fourth.id,
      reason: 'hash_mismatch',
    });
    // With the key, the rewrite shows at the next record's link.
    await withoutGuards(() =>
      change()
        .set({ hash: keyedAuditHash(forged, t.app.get(AuditKey).key) })
        .where('id = :id', { id: fourth.id })
        .execute(),
    );
    const fifth = (await rows(cu))[4];
    expect((await verify(cu)).firstBroken).toEqual({
      seq: 5,
      id: fifth.id,
      reason: 'link_mismatch',
    });

    const runs = await as(cu, () => queries.list({ action: 'audit.verify' }));
    expect(runs.items.map((r) => r.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
    ]);
  });

  it('names a deleted record (missing) at its seq', async () => {
    const cu = randomUUID();
    await write(cu, 10);
    await withoutGuards(() =>
      remove().where('chain = :cu AND seq = :seq', { cu, seq: 5 }).execute(),
    );
    expect(await verify(cu)).toMatchObject({
      intact: false,
      firstBroken: { seq: 5, id: null, reason: 'missing' },
    });
  });

  it('refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) through the app itself', async () => {
    const cu = randomUUID();
    await write(cu, 2);
    await expect(
      change().set({ action: 'forged' }).where('chain = :cu', { cu }).execute(),
    ).rejects.toThrow(APPEND_ONLY);
    await expect(
      remove().where('chain = :cu', { cu }).execute(),
    ).rejects.toThrow(APPEND_ONLY);
    await expect(t.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(
      APPEND_ONLY,
    );
    if (db.name === 'postgres')
      await expect(t.dataSource.query('TRUNCATE audit_event')).rejects.toThrow(
        APPEND_ONLY,
      );
    expect((await rows(cu)).map((r) => r.action)).toEqual([
      'test.event',
      'test.event',
    ]);
    expect(await verify(cu)).toMatchObject({ intact: true, checked: 2 });
  });

  it('reverts and re-applies the guards migration', async () => {
    const cu = randomUUID();
    await write(cu, 3);
    await withGuardsMigrationReverted(t, () =>
      remove().where('chain = :cu AND seq = :seq', { cu, seq: 3 }).execute(),
    );
    await expect(
      remove().where('chain = :cu', { cu }).execute(),
    ).rejects.toThrow(APPEND_ONLY);
    expect((await rows(cu)).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('writes the records that queued meanwhile in one transaction (PostgreSQL), in call order', async () => {
    const cu = randomUUID();
    const transactions = t.app.get(Transactions);
    const run = jest.spyOn(transactions, 'run');
    try {
      const written = await as(cu, () =>
        Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            audit.record({
              action: 'test.batch',
              outcome: 'success',
              details: { i },
            }),
          ),
        ),
      );
      // Each caller gets its own record back, chained in the order of the calls.
      expect(written.map((e) => e.seq)).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      expect(written.map((e) => JSON.parse(e.details).i)).toEqual(
        Array.from({ length: 100 }, (_, i) => i),
      );
      // One transaction per record before (100); now the first alone and the 99 that queued behind it.
      expect(run).toHaveBeenCalledTimes(db.name === 'postgres' ? 2 : 100);
    } finally {
      run.mockRestore();
    }
    expect((await rows(cu)).map((r) => r.seq)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    expect(await verify(cu)).toMatchObject({ intact: true, checked: 100 });
  });

  it('keeps the chains of two credit unions independent', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await Promise.all([
      write(a, 30, 'test.a'),
      write(b, 20, 'test.b'),
      write(a, 30, 'test.a'),
    ]);
    expect((await rows(a)).map((r) => r.seq)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    expect((await rows(b)).map((r) => r.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await verify(a)).toMatchObject({ intact: true, checked: 60 });
    expect(await verify(b)).toMatchObject({ intact: true, checked: 20 });

    await withoutGuards(() =>
      remove().where('chain = :b AND seq = :seq', { b, seq: 3 }).execute(),
    );
    expect(await verify(a)).toMatchObject({ intact: true, checked: 61 });
    expect(await verify(b)).toMatchObject({
      intact: false,
      firstBroken: { seq: 3, reason: 'missing' },
    });
    expect(
      (await as(b, () => queries.list({ limit: 200 }))).items.every(
        (r) => r.action !== 'test.a',
      ),
    ).toBe(true);
  });

  describe('recordIn', () => {
    it("commits and rolls back with the caller's transaction", async () => {
      const cu = randomUUID();
      await as(cu, () =>
        t.dataSource.transaction((em) =>
          audit.recordIn(em, { action: 'test.kept', outcome: 'success' }),
        ),
      );
      const failing = as(cu, () =>
        t.dataSource.transaction(async (em) => {
          await audit.recordIn(em, {
            action: 'test.rolled_back',
            outcome: 'success',
          });
          throw new Error('business rule failed');
        }),
      );
      await expect(failing).rejects.toThrow('business rule failed');
      await write(cu, 1, 'test.after');
      expect((await rows(cu)).map((r) => [r.seq, r.action])).toEqual([
        [1, 'test.kept'],
        [2, 'test.after'],
      ]);
      expect(await verify(cu)).toMatchObject({ intact: true, checked: 2 });
    });

    it('refuses a manager outside a transaction', async () => {
      await expect(
        audit.recordIn(t.dataSource.manager, {
          action: 'x',
          outcome: 'success',
        }),
      ).rejects.toThrow(/inside a transaction/);
    });
  });
});
