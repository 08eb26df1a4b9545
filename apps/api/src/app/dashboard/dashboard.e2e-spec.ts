import { randomUUID } from 'node:crypto';
import {
  addDays,
  daysBetween,
  LIFECYCLE_STATUSES,
  lifecycleStatus,
} from '@certdesk/domain';
import type { DashboardSummary } from '@certdesk/contracts';
import { describeApp } from '../../testing/describe-app';
import { seedCreditUnions, StaffBrowser } from '../../testing/staff-browser';
import { IbUser } from '../customers/ib-user.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { lifecycleInputOf } from '../customers/ib-user-lifecycle';

describeApp('GET /api/dashboard on $name', ({ t }) => {
  beforeAll(async () => {
    await seedCreditUnions(t, {
      seed: 3,
      creditUnions: 2,
      customersPerCreditUnion: 120,
    });
    // IB users on every boundary the summary groups by (self-service limit, today, 7/30 days, the 12th week, far future).
    const cu = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ code: '1001' });
    const users = t.dataSource.getRepository(IbUser);
    const template = await users.findOneByOrFail({ creditUnionId: cu.id });
    const offsets = [
      -400, -92, -91, -90, -89, -1, 0, 1, 7, 8, 29, 30, 31, 83, 84, 85, 400,
    ];
    await users.insert(
      offsets.map((offset, i) => ({
        ...template,
        id: randomUUID(),
        loginId: `edge${i}`,
        currentCertificateId: null,
        currentRevoked: false,
        reissueState: null,
        currentExpiryDate: addDays(t.clock.today(), offset),
      })),
    );
  });

  it('counts what libs/domain says, for the caller’s credit union only', async () => {
    const staff = StaffBrowser.of(t);
    await staff.login('compliance-1001');
    const res = await staff.get('/api/dashboard');
    expect(res.status).toBe(200);
    const body = res.body as DashboardSummary;
    const today = t.clock.today();
    const cu = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ code: '1001' });
    const users = await t.dataSource
      .getRepository(IbUser)
      .findBy({ creditUnionId: cu.id });
    const status = (u: IbUser) => lifecycleStatus(lifecycleInputOf(u), today);
    for (const s of LIFECYCLE_STATUSES)
      expect({ s, n: body.counts[s] }).toEqual({
        s,
        n: users.filter((u) => status(u) === s).length,
      });
    expect(body.total).toBe(users.length);
    expect(body.lockedOut).toBe(body.counts.expired);
    expect(body.pastLimit).toBe(body.counts.reissue_required);
    const active = users.filter(
      (u) => !u.currentRevoked && u.currentExpiryDate,
    );
    const within = (n: number) =>
      active.filter((u) => {
        const d = daysBetween(today, u.currentExpiryDate ?? '');
        return d >= 0 && d <= n;
      }).length;
    expect(body.renewalDueWithin7Days).toBe(within(7));
    expect(body.renewalDueWithin30Days).toBe(within(30));
    expect(body.expiriesPerWeek).toHaveLength(12);
    expect(body.expiriesPerWeek[0].weekStart).toBe(today);
    expect(body.expiriesPerWeek[11].weekStart).toBe(addDays(today, 77));
    expect(body.expiriesPerWeek.reduce((a, w) => a + w.count, 0)).toBe(
      within(83),
    );
  });

  it('follows the injected clock', async () => {
    const staff = StaffBrowser.of(t);
    await staff.login('manager-1002');
    const before = (await staff.get('/api/dashboard')).body as DashboardSummary;
    t.clock.advance(40 * 86_400_000);
    try {
      expect((await staff.get('/api/dashboard')).status).toBe(401); // 40 days later the session is long gone
      await staff.login('manager-1002');
      const after = (await staff.get('/api/dashboard'))
        .body as DashboardSummary;
      expect(after.today).toBe(addDays(before.today, 40));
      expect(after.counts).not.toEqual(before.counts);
    } finally {
      t.clock.advance(-40 * 86_400_000);
    }
  });

  it('keeps ib_user_count equal to the IB users through inserts, updates of every key, and deletes', async () => {
    const groups = async (sql: string) =>
      ((await t.dataSource.query(sql)) as { k: string; n: string | number }[])
        .map((r) => `${r.k}=${Number(r.n)}`)
        .sort();
    const fromUsers = () =>
      groups(`SELECT credit_union_id || '|' || COALESCE(current_expiry_date, '9999-12-31') || '|' || CASE WHEN current_revoked THEN 'r' ELSE '-' END
      || '|' || COALESCE(reissue_state, '') AS k, COUNT(*) AS n FROM ib_user
      GROUP BY credit_union_id, COALESCE(current_expiry_date, '9999-12-31'), current_revoked, COALESCE(reissue_state, '')`);
    const fromCounts = () =>
      groups(`SELECT credit_union_id || '|' || expiry_key || '|' || CASE WHEN revoked THEN 'r' ELSE '-' END || '|' || reissue_key AS k, n
      FROM ib_user_count WHERE n > 0`);
    expect(await fromCounts()).toEqual(await fromUsers());

    const repo = t.dataSource.getRepository(IbUser);
    const [a, b, c, d] = await repo.find({
      order: { loginId: 'ASC' },
      take: 4,
    });
    await repo.update({ id: a.id }, { currentExpiryDate: '2031-01-01' });
    await repo.update({ id: b.id }, { currentRevoked: !b.currentRevoked });
    await repo.update({ id: c.id }, { reissueState: 'pending' });
    await repo.update(
      { id: d.id },
      { currentExpiryDate: null, name: 'only the name and the expiry change' },
    );
    await repo.update(
      { id: a.id },
      { name: 'a name change alone moves no count' },
    );
    await repo.insert({
      ...a,
      id: '00000000-0000-4000-8000-00000000c0de',
      loginId: 'count-test',
      currentCertificateId: null,
      currentExpiryDate: '2027-01-05',
    });
    await repo.delete({ id: '00000000-0000-4000-8000-00000000c0de' });
    await repo.insert({
      ...a,
      id: '00000000-0000-4000-8000-00000000c0df',
      loginId: 'count-test-2',
      currentCertificateId: null,
      currentExpiryDate: null,
    });
    expect(await fromCounts()).toEqual(await fromUsers());
  });
});
