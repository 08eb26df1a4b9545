import type { TestApp } from '../../../testing/test-app';
import type { SeededTenants } from '../../../testing/staff-browser';
import { Branch } from '../../credit-unions/branch.entity';
import { Customer } from '../../customers/customer.entity';
import { addIbUser, FixtureUser } from '../../notices/testing/notice-fixtures';
import { ReissueRequest } from '../../reissues/reissue-request.entity';
import {
  addIssued,
  addNotices,
  insertAll,
  reissueRequest,
} from './report-fixtures';

const at = (jst: string) => new Date(`${jst}+09:00`);

/** What {@link seedHistoryWorld} made: 1001's requests a1…a6, 1002's one, and a1…a6's other branch. */
export interface HistoryWorld {
  r: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'a6', ReissueRequest>;
  foreign: ReissueRequest;
  otherBranch: Branch;
}

/**
 * The 再発行履歴 / 通知の送信状況 fixtures with known times: six reissue requests of credit union 1001
 * (`tenants.a`) in every state, one of 1002 that must never show, acquisitions and notices per
 * milestone and day.
 */
export async function seedHistoryWorld(
  t: TestApp,
  tenants: SeededTenants,
): Promise<HistoryWorld> {
  const r = {} as HistoryWorld['r'];
  const users: FixtureUser[] = [];
  for (let i = 0; i < 6; i++)
    users.push(
      await addIbUser(t, tenants.a, {
        expiry: '2026-06-30',
        companyName: `株式会社再発行${i}`,
      }),
    );
  const b = await addIbUser(t, tenants.b, {
    expiry: '2026-06-30',
    companyName: '他金庫商事株式会社',
  });
  // A5's customer belongs to another branch of 1001.
  const [otherBranch] = await t.dataSource.getRepository(Branch).find({
    where: { creditUnionId: tenants.a.id },
    order: { code: 'DESC' },
    take: 1,
  });
  await t.dataSource
    .getRepository(Customer)
    .update(users[4].customer.id, { branchId: otherBranch.id });

  const manager = {
    decidedById: users[0].ibUser.id,
    decidedByName: '役席 一郎',
  };
  r.a1 = reissueRequest(users[0], {
    status: 'completed',
    requestedAt: at('2026-11-10T10:00:00'),
    ...manager,
    decidedAt: at('2026-11-10T15:30:00'),
    authorizedUntil: '2027-01-28',
    closedAt: at('2026-11-12T09:00:05'),
  });
  r.a2 = reissueRequest(users[1], {
    status: 'authorized',
    requestedAt: at('2026-11-20T09:00:00'),
    ...manager,
    decidedAt: at('2026-11-21T09:00:00'),
    authorizedUntil: '2027-02-08',
  });
  r.a3 = reissueRequest(users[2], {
    status: 'rejected',
    requestedAt: at('2026-11-25T13:00:00'),
    ...manager,
    decidedAt: at('2026-11-25T14:00:00'),
    decisionComment: '届出印が相違',
  });
  // 2026-12-01 08:00 JST is still 2026-11-30 in UTC: the JST day decides.
  r.a4 = reissueRequest(users[3], {
    status: 'pending',
    requestedAt: at('2026-12-01T08:00:00'),
    reason: 'other',
    reasonText: '担当者の退職',
  });
  r.a5 = reissueRequest(users[4], {
    status: 'completed',
    requestedAt: at('2026-10-05T10:00:00'),
    ...manager,
    decidedAt: at('2026-10-06T10:00:00'),
    closedAt: at('2026-10-08T10:00:00'),
  });
  // Authorized through yesterday and never used: the report closes it as expired first.
  r.a6 = reissueRequest(users[5], {
    status: 'authorized',
    requestedAt: at('2026-08-01T10:00:00'),
    ...manager,
    decidedAt: at('2026-08-01T11:00:00'),
    authorizedUntil: '2026-11-30',
  });
  const foreign = reissueRequest(b, {
    status: 'completed',
    requestedAt: at('2026-11-15T10:00:00'),
    ...manager,
    decidedAt: at('2026-11-15T11:00:00'),
    closedAt: at('2026-11-16T10:00:00'),
  });
  await insertAll(t, ReissueRequest, [...Object.values(r), foreign]);
  // A1's customer acquired on 11-12 09:00; an older acquisition (before the approval) does not count.
  await addIssued(t, users[0].ibUser, at('2026-11-01T10:00:00'));
  await addIssued(t, users[0].ibUser, at('2026-11-12T09:00:00'));
  await addIssued(t, users[0].ibUser, at('2026-11-20T09:00:00'), 'renewal');

  await addNotices(t, users[0], '2026-11-20', 30, 'sent', 3);
  await addNotices(t, users[0], '2026-11-20', 30, 'failed', 1);
  await addNotices(t, users[1], '2026-11-20', 10, 'sent', 2);
  await addNotices(t, users[1], '2026-11-20', 10, 'cancelled', 1);
  await addNotices(t, users[1], '2026-11-20', 10, 'sending', 1);
  await addNotices(t, users[2], '2026-11-21', 30, 'sent', 1);
  await addNotices(t, users[2], '2026-11-21', -1, 'skipped', 1);
  await addNotices(t, users[3], '2026-11-21', null, 'sent', 1);
  await addNotices(t, users[4], '2026-11-25', 10, 'cancelled', 2);
  await addNotices(t, b, '2026-11-20', 30, 'sent', 5);
  return { r, foreign, otherBranch };
}
