import { randomUUID } from 'node:crypto';
import {
  addDays,
  LIFECYCLE_STATUSES,
  LifecyclePolicy,
  lifecycleStatus,
  LifecycleStatus,
} from '@certdesk/domain';
import { seedCreditUnions } from '../../testing/staff-browser';
import { describeApp } from '../../testing/describe-app';
import { IbUser } from '../customers/ib-user.entity';
import { FRESH_IB_USER } from '../customers/fresh-ib-user';
import {
  statusBounds,
  statusCaseSql,
  statusConditionSql,
  statusParameters,
} from './status-sql';

const TODAY = '2026-12-01';
const OFFSETS = [
  366, 31, 30, 29, 11, 10, 9, 1, 0, -1, -2, -79, -80, -89, -90, -91, -179, -180,
  -181, -400,
];
const POLICIES: LifecyclePolicy[] = [
  { renewalWindowDays: 30, selfServiceDaysAfterExpiry: 90 },
  { renewalWindowDays: 45, selfServiceDaysAfterExpiry: 180 },
  { renewalWindowDays: 30, selfServiceDaysAfterExpiry: 80 },
];
type Variant = { revoked: boolean; reissue: 'pending' | 'authorized' | null };
const VARIANTS: Variant[] = [
  { revoked: false, reissue: null },
  { revoked: true, reissue: null },
  { revoked: false, reissue: 'pending' },
  { revoked: true, reissue: 'authorized' },
];

describeApp(
  'SQL lifecycle status agrees with libs/domain on $name',
  ({ t }) => {
    const expected = new Map<string, { expiry: string | null } & Variant>();

    beforeAll(async () => {
      // One credit union with one customer to hang the IB users on.
      await seedCreditUnions(
        t,
        { seed: 1, creditUnions: 1, customersPerCreditUnion: 1 },
        null,
      );
      const [{ id: customerId, credit_union_id: creditUnionId }] =
        await t.dataSource.query('SELECT id, credit_union_id FROM customer');
      const rows: Partial<IbUser>[] = [];
      for (const variant of VARIANTS) {
        for (const expiry of [...OFFSETS.map((d) => addDays(TODAY, d)), null]) {
          const id = randomUUID();
          expected.set(id, { expiry, ...variant });
          rows.push({
            id,
            creditUnionId,
            customerId,
            loginId: `u${rows.length}`,
            ibRole: 'user',
            name: 'テスト',
            nameKana: null,
            email: null,
            ...FRESH_IB_USER,
            currentExpiryDate: expiry,
            currentRevoked: variant.revoked,
            reissueState: variant.reissue,
            createdAt: t.clock.now(),
            updatedAt: t.clock.now(),
          });
        }
      }
      await t.dataSource.getRepository(IbUser).insert(rows);
    });

    function domainStatus(
      id: string,
      today: string,
      policy: LifecyclePolicy,
    ): LifecycleStatus {
      const e = expected.get(id);
      if (!e) throw new Error(`unknown row ${id}`);
      return lifecycleStatus(
        { expiryDate: e.expiry, revoked: e.revoked, reissue: e.reissue },
        today,
        policy,
      );
    }

    it.each(POLICIES)(
      'CASE expression, policy %o, on every boundary day',
      async (policy) => {
        for (const today of [TODAY, addDays(TODAY, 1)]) {
          const rows: { id: string; status: string }[] = await t.dataSource
            .createQueryBuilder()
            .select('u.id', 'id')
            .addSelect(statusCaseSql('u'), 'status')
            .from('ib_user', 'u')
            .where(`u.login_id <> ''`)
            .setParameters(statusParameters(statusBounds(today, policy)))
            .getRawMany();
          const users = rows.filter((r) => expected.has(r.id));
          expect(users).toHaveLength(expected.size);
          for (const row of users)
            expect({ id: row.id, status: row.status }).toEqual({
              id: row.id,
              status: domainStatus(row.id, today, policy),
            });
        }
      },
    );

    it.each(POLICIES)(
      'each status filter selects exactly the rows of that status, policy %o',
      async (policy) => {
        for (const status of LIFECYCLE_STATUSES) {
          const rows: { id: string }[] = await t.dataSource
            .createQueryBuilder()
            .select('u.id', 'id')
            .from('ib_user', 'u')
            .where(statusConditionSql('u', status))
            .setParameters(statusParameters(statusBounds(TODAY, policy)))
            .getRawMany();
          const got = rows
            .map((r) => r.id)
            .filter((id) => expected.has(id))
            .sort();
          const want = [...expected.keys()]
            .filter((id) => domainStatus(id, TODAY, policy) === status)
            .sort();
          expect({ status, ids: got }).toEqual({ status, ids: want });
        }
      },
    );
  },
);
