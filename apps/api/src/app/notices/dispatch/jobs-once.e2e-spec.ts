import { randomUUID } from 'node:crypto';
import { addDays, REISSUE_REASONS } from '@certdesk/domain';
import {
  SeededTenants,
  seedTwoCreditUnions,
  staffByUsername,
} from '../../../testing/staff-browser';
import { createTestApp, TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { AuditEvent } from '../../audit/audit-event.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { CertificateAuthorityService } from '../../pki/certificate-authority.service';
import { CrlService } from '../../pki/crl.service';
import { ReissueExpiryService } from '../../reissues/reissue-expiry.service';
import { ReissueRequest } from '../../reissues/reissue-request.entity';
import {
  addIbUser,
  quietAllUsers,
  insertRun,
} from '../testing/notice-fixtures';
import { SmtpSink } from '../testing/smtp-sink';
import { NoticeRun } from './notice-run.entity';
import { NoticeRunsService } from './notice-runs.service';

// Two Nest applications booting, seeding and sending side by side: seconds on a quiet machine, maybe
// minutes on a shared one — more than the 30 s default, which would fail the file for no fault.
jest.setTimeout(300_000);

/**
 * On PostgreSQL two application instances on one database stand for two API processes (each its
 * own pool, DataSource, timers and in-process state), with the same pinned clock. SQLite serves one
 * process (its writers take turns inside it): there both "processes" are concurrent callers in it.
 */
describe.each(testDatabases())(
  'timers run at once from two processes on $name',
  (db) => {
    const smtp = new SmtpSink();
    let one: TestApp;
    let two: TestApp;
    let drop: () => Promise<void>;
    let seeded: SeededTenants;

    const audits = (action: string, targetId?: string) =>
      one.dataSource
        .getRepository(AuditEvent)
        .countBy(targetId ? { action, targetId } : { action });

    beforeAll(async () => {
      const url = await smtp.start();
      const created = await db.create();
      drop = created.drop;
      const env = { SMTP_URL: url };
      one = await createTestApp(created.config, { env });
      two =
        db.name === 'postgres'
          ? await createTestApp(created.config, { env })
          : one;
      seeded = await seedTwoCreditUnions(one);
      await quietAllUsers(one);
    });
    afterAll(async () => {
      if (two !== one) await two?.close();
      await one?.close();
      await drop?.();
      await smtp.stop();
    });

    it('resumes a stale daily run in exactly one process, and finishes it once', async () => {
      for (let i = 0; i < 20; i++)
        await addIbUser(one, seeded.a, {
          expiry: addDays(one.clock.today(), 5 + (i % 20)),
        });
      // Today's daily run of 1001, started an hour ago by a process that died while sending.
      const stale = await insertRun(one, seeded.a.id, {
        trigger: 'schedule',
        scheduleKey: one.clock.today(),
        phase: 'sending',
        startedAt: new Date(one.clock.now().getTime() - 60 * 60_000),
      });

      const started = await Promise.all(
        [one, two].map((t) => t.app.get(NoticeRunsService).runDaily()),
      );

      expect(await audits('notice_run.resume', stale.id)).toBe(1);
      expect(await audits('notice_run.finish', stale.id)).toBe(1);
      const runs = await one.dataSource.getRepository(NoticeRun).find();
      // 1001: the resumed run, done; 1002: one daily run, started and finished once.
      expect(runs.map((r) => [r.creditUnionId, r.phase]).sort()).toEqual(
        [
          [seeded.a.id, 'done'],
          [seeded.b.id, 'done'],
        ].sort(),
      );
      const daily = runs.find(
        (r) => r.creditUnionId === seeded.b.id,
      ) as NoticeRun;
      expect(await audits('notice_run.start', daily.id)).toBe(1);
      expect(await audits('notice_run.finish', daily.id)).toBe(1);
      expect(started[0] + started[1]).toBe(2);
      expect(SmtpSink.recipients(smtp.take())).toHaveLength(20);
    });

    it('expires each overdue reissue authorization once, audited by the process that changed it', async () => {
      const staff = await staffByUsername(
        one,
        seeded.username('branch_staff', seeded.a),
      );
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const u = await addIbUser(one, seeded.a, {
          expiry: addDays(one.clock.today(), -10),
          reissue: 'authorized',
        });
        const request: ReissueRequest = {
          id: randomUUID(),
          creditUnionId: seeded.a.id,
          customerId: u.customer.id,
          ibUserId: u.ibUser.id,
          reason: REISSUE_REASONS[0],
          reasonText: null,
          identityCheck: '届出印',
          formReceivedOn: addDays(one.clock.today(), -40),
          status: 'authorized',
          requestedById: staff.id,
          requestedByName: staff.displayName,
          requestedAt: one.clock.now(),
          decidedById: null,
          decidedByName: null,
          decidedAt: one.clock.now(),
          decisionComment: null,
          authorizedUntil: addDays(one.clock.today(), -1),
          closedAt: null,
          revokedCertificateIds: null,
        };
        await one.dataSource.getRepository(ReissueRequest).insert(request);
        ids.push(request.id);
      }

      const expired = await Promise.all(
        [one, two].map((t) => t.app.get(ReissueExpiryService).expireOverdue()),
      );

      expect(expired[0] + expired[1]).toBe(30);
      expect(await audits('reissue.expire')).toBe(30);
      const rows = await one.dataSource
        .getRepository(ReissueRequest)
        .findBy(ids.map((id) => ({ id })));
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['expired']));
      const users = await one.dataSource
        .getRepository(IbUser)
        .findBy(rows.map((r) => ({ id: r.ibUserId })));
      expect(users.every((u) => u.reissueState === null)).toBe(true);
    });

    it('publishes each due CRL once when both processes check at the same time', async () => {
      await one.app.get(CertificateAuthorityService).ensureAll();
      await one.app.get(CrlService).publishDue();
      // A day later both CRLs are due again, and both processes notice it at the same moment.
      for (const t of new Set([one, two])) t.clock.advance(25 * 60 * 60_000);
      const before = await audits('crl.publish');
      const published = await Promise.all(
        [one, two].map((t) => t.app.get(CrlService).publishDue()),
      );
      expect(published[0].length).toBe(2);
      expect(await audits('crl.publish')).toBe(before + 2);
    });
  },
);
