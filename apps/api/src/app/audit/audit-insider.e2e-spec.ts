import { randomUUID } from 'node:crypto';
import { withoutAuditGuards } from '../../testing/audit-guards';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffBrowser } from '../../testing/staff-browser';
import { AuditEvent } from './audit-event.entity';
import { GENESIS_HASH, auditHash } from './audit-hash';
import { AuditHead } from './audit-head.entity';
import { AuditKey } from './audit-key';
import { AuditWatch } from './audit-watch';
import { AuditService, SYSTEM_CHAIN } from './audit.service';
import { ChainAuditor } from './chain-auditor';

/**
 * Issue 14 item 4 on both databases: a keyed chain, signed daily heads and the daily verification
 * of every chain. The insider here has the database (owner role on PostgreSQL: triggers switched
 * off; SQLite: the guard triggers dropped), not the AUDIT_HMAC_KEY.
 */
describeSeededApp(
  'the audit log against an insider on $name',
  ({ t, seeded }) => {
    let auditor: ChainAuditor;
    let audit: AuditService;

    beforeAll(async () => {
      auditor = t.app.get(ChainAuditor);
      audit = t.app.get(AuditService);
    });

    /** As the schema's owner would: the append-only guards off around `fn`. */
    const asOwner = (fn: () => Promise<unknown>) => withoutAuditGuards(t, fn);
    const deleteFrom = (chain: string, fromSeq: number) =>
      asOwner(() =>
        t.dataSource
          .createQueryBuilder()
          .delete()
          .from(AuditEvent)
          .where('chain = :chain AND seq >= :fromSeq', { chain, fromSeq })
          .execute(),
      );
    const rewrite = (id: string, patch: Partial<AuditEvent>) =>
      asOwner(() =>
        t.dataSource
          .createQueryBuilder()
          .update(AuditEvent)
          .set(patch)
          .where('id = :id', { id })
          .execute(),
      );
    const rows = (chain: string) =>
      t.dataSource
        .getRepository(AuditEvent)
        .find({ where: { chain }, order: { seq: 'ASC' } });
    const lastOf = async (chain: string): Promise<AuditEvent> => {
      const all = await rows(chain);
      if (all.length === 0) throw new Error(`chain ${chain} is empty`);
      return all[all.length - 1];
    };
    const write = async (chain: string, count: number) => {
      for (let i = 0; i < count; i++)
        await audit.record({
          creditUnionId: chain,
          actorType: 'system',
          action: 'test.event',
          outcome: 'success',
          details: { i },
        });
    };
    const watcher = () => new AuditWatch(t.config, auditor, audit, t.clock);

    it('verifies old unkeyed records (hash version 1) followed by keyed ones (version 2); refuses a keyed record re-hashed unkeyed (downgraded)', async () => {
      const chain = randomUUID();
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const fields = {
          chain,
          seq,
          occurredAt: new Date('2026-11-30T00:00:00.000Z'),
          creditUnionId: chain,
          actorType: 'system' as const,
          actorId: null,
          actorName: null,
          action: 'legacy.event',
          targetType: null,
          targetId: null,
          outcome: 'success' as const,
          ip: null,
          requestId: null,
          details: '{}',
          prevHash,
        };
        prevHash = auditHash(fields);
        await t.dataSource.getRepository(AuditEvent).insert({
          ...fields,
          id: randomUUID(),
          hash: prevHash,
          hashVersion: 1,
        });
      }
      await write(chain, 3);
      expect((await rows(chain)).map((r) => r.hashVersion)).toEqual([
        1, 1, 1, 2, 2, 2,
      ]);
      expect(await auditor.verifyChain(chain)).toMatchObject({
        intact: true,
        checked: 6,
      });

      const fifth = (await rows(chain))[4];
      await rewrite(fifth.id, {
        action: 'forged',
        hashVersion: 1,
        hash: auditHash({ ...fifth, action: 'forged' }),
      });
      expect((await auditor.verifyChain(chain)).firstBroken).toEqual({
        seq: 5,
        id: fifth.id,
        reason: 'downgraded',
      });
    });

    it('reports the last N records deleted below a signed head (truncated), also in the next daily run', async () => {
      const chain = seeded.a.id;
      await write(chain, 10);
      const watch = watcher();
      expect(await watch.runDailyIfDue()).toContain(chain);
      const [head] = await t.dataSource
        .getRepository(AuditHead)
        .find({ where: { chain } });
      const last = await lastOf(chain);
      expect(head.seq).toBe(last.seq - 1); // the run's own audit.verify came after the head
      expect(await auditor.verifyChain(chain)).toMatchObject({
        intact: true,
        headsChecked: 1,
      });

      const deleteFromSeq = head.seq - 3; // the last N = 5 records
      await deleteFrom(chain, deleteFromSeq);
      // Today's code had no head: the shortened chain verified as intact.
      expect(await auditor.verifyChain(chain)).toMatchObject({
        intact: false,
        firstBroken: { seq: deleteFromSeq, id: null, reason: 'truncated' },
      });

      t.clock.advance(24 * 3_600_000);
      try {
        await watch.runDailyIfDue();
      } finally {
        t.clock.advance(-24 * 3_600_000);
      }
      const run = await lastOf(chain);
      expect(run).toMatchObject({
        action: 'audit.verify',
        outcome: 'failure',
        actorType: 'system',
      });
      expect(JSON.parse(run.details)).toMatchObject({
        scheduled: true,
        intact: false,
        firstBroken: { seq: deleteFromSeq, reason: 'truncated' },
      });
    });

    it('verifies the system chain (failed log-ins of unknown usernames) daily and reports its truncation', async () => {
      const browser = StaffBrowser.of(t);
      for (let i = 0; i < 4; i++)
        expect(
          (await browser.login(`nobody-${i}`, 'wrong-password-123')).status,
        ).toBe(401);
      const before = await rows(SYSTEM_CHAIN);
      expect(before.filter((r) => r.action === 'auth.login').length).toBe(4);

      const day = '2026-12-05T09:00:00+09:00';
      t.clock.set(new Date(day));
      const verified = await watcher().runDailyIfDue();
      expect(verified).toEqual(
        expect.arrayContaining([SYSTEM_CHAIN, seeded.a.id, seeded.b.id]),
      );
      const head = await t.dataSource
        .getRepository(AuditHead)
        .findOneByOrFail({ chain: SYSTEM_CHAIN, recordedOn: '2026-12-05' });
      await deleteFrom(SYSTEM_CHAIN, head.seq - 1);
      expect((await auditor.verifyChain(SYSTEM_CHAIN)).firstBroken).toEqual({
        seq: head.seq - 1,
        id: null,
        reason: 'truncated',
      });
    });

    it('two watchers on one day: each chain gets one head and one verification', async () => {
      t.clock.set(new Date('2026-12-06T00:30:00+09:00'));
      const [first, second] = await Promise.all([
        watcher().runDailyIfDue(),
        watcher().runDailyIfDue(),
      ]);
      expect([...first, ...second].sort()).toEqual(
        [
          SYSTEM_CHAIN,
          ...(await auditor.chains()).filter((c) => c !== SYSTEM_CHAIN),
        ].sort(),
      );
      const heads = await t.dataSource
        .getRepository(AuditHead)
        .find({ where: { recordedOn: '2026-12-06' } });
      expect(heads.length).toBe(new Set(heads.map((h) => h.chain)).size);
      expect(heads.length).toBe((await auditor.chains()).length);
    });

    it('refuses a head the insider inserted without the key (head_forged); heads cannot be changed', async () => {
      const chain = seeded.b.id;
      await write(chain, 2);
      const last = await lastOf(chain);
      await t.dataSource.getRepository(AuditHead).insert({
        id: randomUUID(),
        chain,
        recordedOn: '2099-01-01',
        recordedAt: new Date('2099-01-01T00:00:00Z'),
        seq: last.seq + 100,
        hash: last.hash,
        signature: 'f'.repeat(64),
      });
      expect((await auditor.verifyChain(chain)).firstBroken).toMatchObject({
        seq: last.seq + 100,
        reason: 'head_forged',
      });
      await expect(
        t.dataSource.query(`DELETE FROM audit_head WHERE chain = '${chain}'`),
      ).rejects.toThrow('audit_head is append-only');
      await expect(
        t.dataSource.query(
          `UPDATE audit_head SET seq = 0 WHERE chain = '${chain}'`,
        ),
      ).rejects.toThrow('audit_head is append-only');
    });

    it('GET /api/audit/verification shows the last verification and head to compliance', async () => {
      const browser = await StaffBrowser.signedIn(
        t,
        seeded.username('compliance', seeded.a),
      );
      const shown = await browser.get('/api/audit/verification');
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({
        last: {
          scheduled: true,
          intact: false,
          firstBroken: { reason: 'truncated' },
        },
        lastHead: { seq: expect.any(Number), recordedAt: expect.any(String) },
      });
      expect((await browser.get('/api/audit/verify')).status).toBe(200);
      const after = await browser.get('/api/audit/verification');
      expect(after.body.last).toMatchObject({
        scheduled: false,
        intact: false,
      });
    });

    it('a production start without AUDIT_HMAC_KEY refuses, naming it; demo mode falls back to the demo key', () => {
      expect(() =>
        AuditKey.fromConfig({
          mode: 'production',
          audit: { hmacKey: null, watch: true },
        }),
      ).toThrow(/AUDIT_HMAC_KEY must be set in production/);
      expect(
        AuditKey.fromConfig({
          mode: 'demo',
          audit: { hmacKey: null, watch: true },
        }).demoDefault,
      ).toBe(true);
    });
  },
);
