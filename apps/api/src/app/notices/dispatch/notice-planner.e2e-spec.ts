import { randomUUID } from 'node:crypto';
import { addDays, dueNotice, noticeKindForMilestone } from '@certdesk/domain';
import { NoticeMarkerTable1764000000270 } from '../../../migrations/1764000000270-notice-marker-table';
import { describeSeededApp } from '../../../testing/describe-app';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { NoticeSchedule } from '../schedule/notice-schedule.entity';
import { policyOf } from '../schedule/notice-schedule.service';
import {
  addIbUser,
  FixtureUser,
  quietAllUsers,
} from '../testing/notice-fixtures';
import { milestoneWindows } from './milestone-windows';
import { NoticeOutbox } from './notice-outbox.entity';
import { milestoneKey, NoticePlanner, SLICE_DAYS } from './notice-planner';
import { NoticeRun } from './notice-run.entity';

const MILESTONES = [30, 10, -1, -80];
/** A version-7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then random bits. */
const UUID_V7 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const uuidMs = (id: string) => parseInt(id.replace('-', '').slice(0, 12), 16);

/** An IB user and the milestone its certificate's marker holds (null: none). */
interface Case {
  user: FixtureUser;
  expiry: string;
  marker: number | null;
}

describeSeededApp(
  'the daily planner’s SQL against libs/domain dueNotice on $name',
  ({ t }) => {
    let cu: CreditUnion;

    const outbox = () => t.dataSource.getRepository(NoticeOutbox);
    async function setMarker(certificateId: string, milestone: number) {
      const [sql, values] = t.dataSource.driver.escapeQueryWithParameters(
        'INSERT INTO notice_marker (certificate_id, milestone) VALUES (:certificateId, :milestone)',
        { certificateId, milestone },
      );
      await t.dataSource.query(sql, values);
    }
    async function plan() {
      const run: NoticeRun = {
        id: randomUUID(),
        creditUnionId: cu.id,
        trigger: 'manual',
        scheduleKey: null,
        businessDate: t.clock.today(),
        phase: 'planning',
        requestedBy: 'spec',
        candidates: 0,
        planned: 0,
        error: null,
        startedAt: t.clock.now(),
        finishedAt: null,
      };
      await t.dataSource.getRepository(NoticeRun).insert(run);
      const result = await t.app
        .get(NoticePlanner)
        .plan(cu, run.id, run.businessDate);
      return { run, ...result };
    }

    beforeAll(async () => {
      cu = await t.dataSource
        .getRepository(CreditUnion)
        .findOneByOrFail({ code: '1001' });
      await quietAllUsers(t);
      await t.dataSource.getRepository(NoticeSchedule).insert({
        id: randomUUID(),
        creditUnionId: cu.id,
        milestones: JSON.stringify(MILESTONES),
        reissueReadyEnabled: true,
        updatedAt: t.clock.now(),
        updatedBy: 'spec',
      });
    });

    it('queues exactly what dueNotice says on every day from 95 days after expiry to 35 before, whatever the marker holds', async () => {
      const today = t.clock.today();
      const policy = policyOf(cu);
      // Every day around every window, unmarked; and on each window's first and last day, one marked
      // with that window's milestone (already queued) and one with another milestone.
      const cases: Case[] = [];
      for (let d = -95; d <= 35; d++) {
        const expiry = addDays(today, d);
        cases.push({
          user: await addIbUser(t, cu, { expiry }),
          expiry,
          marker: null,
        });
      }
      for (const w of milestoneWindows(MILESTONES, policy))
        for (const d of [w.fromDays, w.toDays])
          for (const marker of [w.milestone, w.milestone === 10 ? 30 : 10]) {
            const expiry = addDays(today, d);
            const user = await addIbUser(t, cu, { expiry });
            await setMarker(user.certificate?.id as string, marker);
            cases.push({ user, expiry, marker });
          }

      const startedMs = Date.now();
      const first = await plan();
      const finishedMs = Date.now();

      const expected = cases.map((c) =>
        dueNotice(
          {
            expiryDate: c.expiry,
            sentMilestones: c.marker === null ? [] : [c.marker],
          },
          today,
          MILESTONES,
          policy,
        ),
      );
      const rows = await outbox().findBy({ runId: first.run.id });
      const queued = cases.map((c) => {
        const mine = rows.filter((r) => r.ibUserId === c.user.ibUser.id);
        expect(mine.length).toBeLessThanOrEqual(1);
        return mine[0]?.milestone ?? null;
      });
      expect(queued).toEqual(expected);
      const due = expected.filter((m) => m !== null).length;
      expect(due).toBeGreaterThan(4 * SLICE_DAYS); // several slices per window
      expect(first).toMatchObject({ candidates: due, planned: due });
      expect(rows).toHaveLength(due);

      for (const row of rows) {
        const c = cases.find((x) => x.user.ibUser.id === row.ibUserId) as Case;
        const certificateId = c.user.certificate?.id as string;
        expect(row).toMatchObject({
          id: expect.stringMatching(UUID_V7),
          creditUnionId: cu.id,
          dedupeKey: milestoneKey(certificateId, row.milestone as number),
          kind: noticeKindForMilestone(row.milestone as number, MILESTONES),
          certificateId,
          customerId: c.user.customer.id,
          businessDate: today,
          expiryDate: c.expiry,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: t.clock.now(),
          createdAt: t.clock.now(),
          sentAt: null,
        });
      }
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      // Keys that begin with the time their slice ran (the database's own clock, not the app's
      // pinned one), so a run appends to the end of the primary key
      // (docs/notice-run-benchmarks.md).
      for (const row of rows) {
        expect(uuidMs(row.id)).toBeGreaterThanOrEqual(startedMs - 1000);
        expect(uuidMs(row.id)).toBeLessThanOrEqual(finishedMs + 1000);
      }

      // The markers now say so: planning again finds nothing.
      expect(await plan()).toMatchObject({ candidates: 0, planned: 0 });
    });

    it('migration …270 goes down (markers back on ib_user) and up again, keeping the markers of current certificates', async () => {
      const markers = () =>
        t.dataSource.query(
          'SELECT certificate_id AS c, milestone AS m FROM notice_marker ORDER BY certificate_id',
        );
      const before = await markers();
      expect(before.length).toBeGreaterThan(0);
      const runner = t.dataSource.createQueryRunner();
      try {
        await new NoticeMarkerTable1764000000270().down(runner);
        await new NoticeMarkerTable1764000000270().up(runner);
      } finally {
        await runner.release();
      }
      expect(await markers()).toEqual(before);
      expect(await plan()).toMatchObject({ candidates: 0, planned: 0 });
    });
  },
);
