import { randomUUID } from 'node:crypto';
import { addDays, searchKeyForCustomer } from '@certdesk/domain';
import type {
  CertificateSearchItem,
  CertificateSearchPage,
} from '@certdesk/contracts';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffBrowser } from '../../testing/staff-browser';
import { Branch } from '../credit-unions/branch.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { FRESH_IB_USER } from '../customers/fresh-ib-user';
import { PEMLESS_CERTIFICATE } from './pemless-certificate';
import { IbUser } from '../customers/ib-user.entity';
import { Certificate } from './certificate.entity';

const TODAY = '2026-12-01';

describeSeededApp(
  'GET /api/certificates on $name',
  { now: `${TODAY}T09:00:00+09:00` },
  ({ t, seeded }) => {
    let staff: StaffBrowser;

    /** A customer with one administrator whose certificate expires `offset` days from today. */
    async function addCustomer(
      cu: CreditUnion,
      contract: string,
      name: string,
      kana: string,
      offset: number | null,
    ): Promise<IbUser> {
      const now = t.clock.now();
      const branch = await t.dataSource
        .getRepository(Branch)
        .findOneByOrFail({ creditUnionId: cu.id, code: '001' });
      const customer: Customer = {
        id: randomUUID(),
        creditUnionId: cu.id,
        branchId: branch.id,
        contractNumber: contract,
        companyName: name,
        companyNameKana: kana,
        searchKey: searchKeyForCustomer(name, kana),
        contactEmail: `info@${contract}.example.jp`,
        contactPhone: null,
        createdAt: now,
        updatedAt: now,
      };
      await t.dataSource.getRepository(Customer).insert(customer);
      const user: IbUser = {
        id: randomUUID(),
        creditUnionId: cu.id,
        customerId: customer.id,
        loginId: `L${contract}`,
        ibRole: 'administrator',
        name: '山田 太郎',
        nameKana: null,
        email: `admin@${contract}.example.jp`,
        ...FRESH_IB_USER,
        createdAt: now,
        updatedAt: now,
      };
      await t.dataSource.getRepository(IbUser).insert(user);
      if (offset !== null) {
        const expiryDate = addDays(TODAY, offset);
        const cert: Certificate = {
          id: randomUUID(),
          creditUnionId: cu.id,
          ibUserId: user.id,
          serialHex: `0a${contract}`,
          subjectDn: `CN=L${contract}`,
          notBefore: now,
          notAfter: new Date(`${expiryDate}T14:59:59Z`),
          expiryDate,
          ...PEMLESS_CERTIFICATE,
          issuedVia: 'imported',
          createdAt: now,
        };
        await t.dataSource.getRepository(Certificate).insert(cert);
        await t.dataSource.getRepository(IbUser).update(user.id, {
          currentCertificateId: cert.id,
          currentExpiryDate: expiryDate,
        });
      }
      return user;
    }

    async function search(query: string): Promise<CertificateSearchPage> {
      const res = await staff.get(`/api/certificates?${query}`);
      expect(res.status).toBe(200);
      return res.body as CertificateSearchPage;
    }
    const companies = (page: CertificateSearchPage) =>
      page.items.map((i) => i.customer.companyName).sort();

    beforeAll(async () => {
      await addCustomer(
        seeded.a,
        '8000000001',
        '株式会社山田商事',
        'カ)ヤマダショウジ',
        -30,
      );
      await addCustomer(
        seeded.a,
        '8000000002',
        '山崎工業株式会社',
        'ヤマザキコウギョウ(カ',
        45,
      );
      await addCustomer(
        seeded.a,
        '8000000003',
        '有限会社ﾐﾄﾞﾘ園芸',
        'ﾕ)ﾐﾄﾞﾘｴﾝｹﾞｲ',
        null,
      );
      await addCustomer(
        seeded.b,
        '8000000001',
        '株式会社山田商事',
        'カ)ヤマダショウジ',
        10,
      );
      staff = await StaffBrowser.signedIn(
        t,
        seeded.username('branch_staff', seeded.a),
      );
    });

    it.each([
      '山田商事',
      'ﾔﾏﾀﾞｼｮｳｼﾞ',
      'やまだしょうじ',
      '(株)山田商事',
      '㈱山田商事',
      'ヤマダ',
      'ｶ)ﾔﾏﾀﾞ',
      '  山田　商事 ',
      '山田',
    ])('finds 株式会社山田商事 of its own credit union by %p', async (q) => {
      const page = await search(`q=${encodeURIComponent(q)}`);
      expect(companies(page)).toEqual(['株式会社山田商事']);
      expect(page.items[0]).toMatchObject({
        customer: { contractNumber: '8000000001' },
        expiryDate: '2026-11-01',
        daysLeft: -30,
        status: 'expired',
      });
    });

    it("does not match ヤマザキ for 'ﾔﾏﾀﾞ', and finds it by its own name", async () => {
      expect(
        companies(await search(`q=${encodeURIComponent('ﾔﾏﾀﾞ')}`)),
      ).not.toContain('山崎工業株式会社');
      expect(
        companies(await search(`q=${encodeURIComponent('やまざき')}`)),
      ).toEqual(['山崎工業株式会社']);
      expect(
        companies(await search(`q=${encodeURIComponent('みどりえんげい')}`)),
      ).toEqual(['有限会社ﾐﾄﾞﾘ園芸']);
    });

    it('follows a renamed customer: found by the new name, no longer by the old one', async () => {
      const customers = t.dataSource.getRepository(Customer);
      const customer = await customers.findOneByOrFail({
        creditUnionId: seeded.a.id,
        contractNumber: '8000000003',
      });
      const rename = (name: string, kana: string) =>
        customers.update(customer.id, {
          companyName: name,
          companyNameKana: kana,
          searchKey: searchKeyForCustomer(name, kana),
        });
      await rename('有限会社さくら造園', 'ﾕ)ｻｸﾗｿﾞｳｴﾝ');
      try {
        expect(
          companies(await search(`q=${encodeURIComponent('サクラゾウエン')}`)),
        ).toEqual(['有限会社さくら造園']);
        expect(
          (await search(`q=${encodeURIComponent('みどりえんげい')}`)).items,
        ).toEqual([]);
      } finally {
        await rename(customer.companyName, customer.companyNameKana);
      }
      expect(
        companies(await search(`q=${encodeURIComponent('みどりえんげい')}`)),
      ).toEqual(['有限会社ﾐﾄﾞﾘ園芸']);
    });

    it('finds by contract number, login ID, serial (any case, colons) and e-mail', async () => {
      for (const q of [
        '8000000002',
        'l8000000002',
        '0A:80:00:00:00:02',
        'ADMIN@8000000002.example.jp',
      ]) {
        expect({
          q,
          found: companies(await search(`q=${encodeURIComponent(q)}`)),
        }).toEqual({ q, found: ['山崎工業株式会社'] });
      }
    });

    it('filters by status and expiry range, and reports days left', async () => {
      const expired = await search('status=expired');
      expect(expired.items.length).toBeGreaterThan(0);
      expect(
        expired.items.every(
          (i: CertificateSearchItem) =>
            i.status === 'expired' && (i.daysLeft ?? 0) < 0,
        ),
      ).toBe(true);
      const both = await search('status=not_issued,valid&q=8000000003');
      expect(both.items.map((i) => i.status)).toEqual(['not_issued']);
      const range = await search('expiresFrom=2027-01-15&expiresTo=2027-01-15');
      expect(range.items.map((i) => i.customer.contractNumber)).toEqual([
        '8000000002',
      ]);
      expect(range.today).toBe(TODAY);
    });

    it('pages with a keyset cursor: every row once, in order', async () => {
      const all = await search('limit=200');
      const seen: string[] = [];
      let cursor: string | null = '';
      do {
        const page: CertificateSearchPage = await search(
          `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.items.map((i) => i.ibUser.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.items.map((i) => i.ibUser.id));
      const expiries = all.items.map((i) => i.expiryDate ?? '9999-12-31');
      expect(expiries).toEqual([...expiries].sort());
    });

    it.each(['company', 'status'])(
      'pages sort=%s with its own keyset cursor',
      async (sort) => {
        const all = await search(`sort=${sort}&limit=200`);
        expect(all.items.length).toBeGreaterThanOrEqual(4);
        const seen: string[] = [];
        let cursor: string | null = '';
        do {
          const page: CertificateSearchPage = await search(
            `sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          seen.push(...page.items.map((i) => i.ibUser.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(all.items.map((i) => i.ibUser.id));
      },
    );

    it('filters by branch and IB role, alone and with a name', async () => {
      const contracts = (page: CertificateSearchPage) =>
        page.items.map((i) => i.customer.contractNumber).sort();
      expect(contracts(await search('branch=001'))).toEqual(
        expect.arrayContaining(['8000000001', '8000000002', '8000000003']),
      );
      expect(
        (await search('branch=001')).items.every(
          (i) => i.customer.branchCode === '001',
        ),
      ).toBe(true);
      expect(
        contracts(
          await search(`branch=001&q=${encodeURIComponent('やまざき')}`),
        ),
      ).toEqual(['8000000002']);
      expect((await search('branch=998')).items).toEqual([]);
      expect(
        (await search(`ibRole=user&q=${encodeURIComponent('山田商事')}`)).items,
      ).toEqual([]);
      expect(
        contracts(
          await search(
            `ibRole=administrator&q=${encodeURIComponent('山田商事')}`,
          ),
        ),
      ).toEqual(['8000000001']);
    });

    it.each([
      ['limit=500', 'limit'],
      ['limit=abc', 'limit'],
      ['status=lost', 'status'],
      ['expiresFrom=2026-02-30', 'expiresFrom'],
      ['branch=12', 'branch'],
      ['sort=random', 'sort'],
      ['cursor=not-a-cursor', 'cursor'],
      ['tenant=1002', 'tenant'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const res = await staff.get(`/api/certificates?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(
        field,
      );
      expect(res.body.message).toMatch(/入力内容に誤りがあります/);
    });

    it('never shows another credit union, and is closed to anonymous callers and admins', async () => {
      const staffB = StaffBrowser.of(t);
      await staffB.login(seeded.username('branch_staff', seeded.b));
      const b = (
        await staffB.get(
          `/api/certificates?q=${encodeURIComponent('山田商事')}`,
        )
      ).body as CertificateSearchPage;
      expect(b.items.map((i) => i.daysLeft)).toEqual([10]);
      expect((await StaffBrowser.of(t).get('/api/certificates')).status).toBe(
        401,
      );
      const admin = StaffBrowser.of(t);
      await admin.login(seeded.username('admin', seeded.a));
      expect((await admin.get('/api/certificates')).status).toBe(403);
    });
  },
);
