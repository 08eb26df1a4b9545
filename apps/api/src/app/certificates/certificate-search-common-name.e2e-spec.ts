import { randomUUID } from 'node:crypto';
import { addDays, searchKeyForCustomer } from '@certdesk/domain';
import type { CertificateSearchPage } from '@certdesk/contracts';
import { StaffBrowser } from '../../testing/staff-browser';
import { Branch } from '../credit-unions/branch.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { insertInBatches } from '../infra/database/insert-in-batches';
import { COMMON_NAME_IB_USERS, NameMatch } from './name-match.repository';
import { describeSeededApp } from '../../testing/describe-app';

const TODAY = '2026-12-01';
const COMMON = COMMON_NAME_IB_USERS + 200;

/** A name so common that SQLite walks the expiry order (see NameMatch) answers exactly like a rare one. */
describeSeededApp(
  'GET /api/certificates for a common name on $name',
  { now: `${TODAY}T09:00:00+09:00` },
  ({ db, t, seeded }) => {
    let staff: StaffBrowser;
    /** The common-name IB users of credit union A in (expiry, id) order: what the search must page through. */
    let expected: string[];

    beforeAll(async () => {
      const now = t.clock.now();
      const users: IbUser[] = [];
      for (const cu of [seeded.a, seeded.b]) {
        const branch = await t.dataSource
          .getRepository(Branch)
          .findOneByOrFail({ creditUnionId: cu.id, code: '001' });
        const customers: Customer[] = Array.from(
          { length: COMMON / 2 },
          (_, i) => {
            const name = `株式会社ヤマモト物産${i}`;
            return {
              id: randomUUID(),
              creditUnionId: cu.id,
              branchId: branch.id,
              contractNumber: `77${String(i).padStart(8, '0')}`,
              companyName: name,
              companyNameKana: 'カ)ヤマモトブツサン',
              searchKey: searchKeyForCustomer(name, 'カ)ヤマモトブツサン'),
              contactEmail: null,
              contactPhone: null,
              createdAt: now,
              updatedAt: now,
            };
          },
        );
        await insertInBatches(t.dataSource.manager, Customer, customers);
        users.push(
          ...customers.map((c, i) => ({
            id: randomUUID(),
            creditUnionId: cu.id,
            customerId: c.id,
            loginId: `YM${c.contractNumber}`,
            ibRole: 'administrator' as const,
            name: '山本 一郎',
            nameKana: null,
            email: null,
            pinHash: null,
            confirmPinHash: null,
            failedPinAttempts: 0,
            pinLockedAt: null,
            currentCertificateId: null,
            currentExpiryDate:
              i % 10 === 9 ? null : addDays(TODAY, (i % 500) - 120),
            currentRevoked: false,
            reissueState: null,
            createdAt: now,
            updatedAt: now,
          })),
        );
      }
      await insertInBatches(t.dataSource.manager, IbUser, users);
      const sortKey = (u: IbUser) => u.currentExpiryDate ?? '9999-12-31';
      expected = users
        .filter((u) => u.creditUnionId === seeded.a.id)
        .sort(
          (x, y) =>
            sortKey(x).localeCompare(sortKey(y)) ||
            (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
        )
        .map((u) => u.id);
      staff = await seeded.as('branch_staff');
    }, 120_000);

    async function search(query: string): Promise<CertificateSearchPage> {
      const res = await staff.get(`/api/certificates?${query}`);
      expect(res.status).toBe(200);
      return res.body as CertificateSearchPage;
    }

    it('is judged common on SQLite from the FTS5 vocabulary; PostgreSQL plans it itself', async () => {
      const names = t.app.get(NameMatch);
      expect(await names.walkExpiryOrder('ヤマモト')).toBe(
        db.name === 'sqlite',
      );
      expect(await names.walkExpiryOrder('ヤマモトブツサン1234')).toBe(false);
      expect(await names.walkExpiryOrder('ヤマザキ')).toBe(false);
    });

    it('pages through every match of its own credit union once, in expiry order', async () => {
      const seen: string[] = [];
      let cursor: string | null = '';
      do {
        const page: CertificateSearchPage = await search(
          `q=${encodeURIComponent('ﾔﾏﾓﾄ')}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(
          page.items.every((i) =>
            i.customer.companyName.startsWith('株式会社ヤマモト物産'),
          ),
        ).toBe(true);
        seen.push(...page.items.map((i) => i.ibUser.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    });

    it('still finds one of them by its full name, and combines the name with a status filter', async () => {
      expect(
        (await search(`q=${encodeURIComponent('ヤマモト物産1234')}`)).items.map(
          (i) => i.customer.companyName,
        ),
      ).toEqual(['株式会社ヤマモト物産1234']);
      const expired = await search(
        `q=${encodeURIComponent('やまもと')}&status=expired&limit=200`,
      );
      expect(expired.items.length).toBeGreaterThan(0);
      expect(
        expired.items.every(
          (i) =>
            i.status === 'expired' &&
            i.customer.companyName.includes('ヤマモト'),
        ),
      ).toBe(true);
    });
  },
);
