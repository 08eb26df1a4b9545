import type { CertificateSearchPage } from '@certdesk/contracts';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffBrowser } from '../../testing/staff-browser';
import { CustomerImportService } from '../import/customer-import.service';
import { CsvLine, csvLine, csvText } from '../import/import-fixtures';

/**
 * The IB user's copy of its customer's folded name (`ib_user.company_key`, migration …250), which
 * the name search matches: kept by the triggers through the import's writes, and per credit union.
 */
describeSeededApp(
  'the company key on the IB user on $name',
  ({ db, t, seeded }) => {
    let importer: CustomerImportService;
    let staffA: StaffBrowser;
    let staffB: StaffBrowser;

    beforeAll(async () => {
      importer = t.app.get(CustomerImportService, { strict: false });
      staffA = await StaffBrowser.signedIn(
        t,
        seeded.username('branch_staff', seeded.a),
      );
      staffB = await StaffBrowser.signedIn(
        t,
        seeded.username('branch_staff', seeded.b),
      );
    });

    async function run(lines: CsvLine[]): Promise<void> {
      const report = await importer.importFile(Buffer.from(csvText(lines)));
      expect(report.errors).toEqual([]);
      expect(report.ok).toBe(true);
    }

    /** "company name / login ID" of every IB user the staff member finds by `q`. */
    async function found(staff: StaffBrowser, q: string): Promise<string[]> {
      const res = await staff.get(
        `/api/certificates?q=${encodeURIComponent(q)}&limit=200`,
      );
      expect(res.status).toBe(200);
      return (res.body as CertificateSearchPage).items
        .map((i) => `${i.customer.companyName}/${i.ibUser.loginId}`)
        .sort();
    }

    /** IB users whose copy differs from their customer's key, and (SQLite) the FTS5 index checked against the rows. */
    async function expectCopiesInStep(): Promise<void> {
      const [{ n }] = await t.dataSource.query(
        'SELECT COUNT(*) AS n FROM ib_user u JOIN customer c ON c.id = u.customer_id WHERE u.company_key IS DISTINCT FROM c.search_key',
      );
      expect(Number(n)).toBe(0);
      if (db.name === 'sqlite')
        await t.dataSource.query(
          "INSERT INTO ib_user_search(ib_user_search, rank) VALUES ('integrity-check', 1)",
        );
    }

    const aoba = (overrides: Partial<CsvLine> = {}) =>
      csvLine({
        credit_union_code: seeded.a.code,
        contract_number: '0000300001',
        company_name: '株式会社あおば物流',
        company_name_kana: 'ｶ)ｱｵﾊﾞﾌﾞﾂﾘﾕｳ',
        ib_login_id: 'aoba-admin',
        cert_serial: '30a001',
        ...overrides,
      });

    it('is copied for imported IB users and follows a rename by the import and a new IB user', async () => {
      await run([aoba()]);
      expect(await found(staffA, 'アオバ')).toEqual([
        '株式会社あおば物流/aoba-admin',
      ]);
      await expectCopiesInStep();

      const renamed = {
        company_name: '株式会社わかば物流',
        company_name_kana: 'ｶ)ﾜｶﾊﾞﾌﾞﾂﾘﾕｳ',
      };
      await run([
        aoba(renamed),
        aoba({
          ...renamed,
          ib_login_id: 'aoba-user',
          ib_role: 'user',
          ib_user_name: '佐藤 花子',
          ib_user_email: 'hanako@test-shoji.example.jp',
          cert_serial: '30a002',
        }),
      ]);
      expect(await found(staffA, 'わかば')).toEqual([
        '株式会社わかば物流/aoba-admin',
        '株式会社わかば物流/aoba-user',
      ]);
      expect(await found(staffA, 'ﾜｶﾊﾞ')).toHaveLength(2);
      expect(await found(staffA, 'アオバ')).toEqual([]);
      await expectCopiesInStep();
    });

    it('keeps each credit union to its own IB users when the same name is renamed in one of them', async () => {
      const line = (cu: string, login: string, serial: string, name: string) =>
        csvLine({
          credit_union_code: cu,
          contract_number: '0000300002',
          company_name: name,
          company_name_kana: 'ｷﾘﾔﾏｾｲｷ(ｶ',
          ib_login_id: login,
          cert_serial: serial,
        });
      const [a, b] = [seeded.a.code, seeded.b.code];
      await run([
        line(a, 'kiri-a', '30b001', '桐山精機株式会社'),
        line(b, 'kiri-b', '30b002', '桐山精機株式会社'),
      ]);
      expect(await found(staffA, '桐山精機')).toEqual([
        '桐山精機株式会社/kiri-a',
      ]);
      expect(await found(staffB, '桐山精機')).toEqual([
        '桐山精機株式会社/kiri-b',
      ]);

      await run([line(b, 'kiri-b', '30b002', '桐谷精機株式会社')]);
      expect(await found(staffB, '桐谷精機')).toEqual([
        '桐谷精機株式会社/kiri-b',
      ]);
      expect(await found(staffB, '桐山精機')).toEqual([]);
      expect(await found(staffA, '桐谷精機')).toEqual([]);
      expect(await found(staffA, '桐山精機')).toEqual([
        '桐山精機株式会社/kiri-a',
      ]);
      await expectCopiesInStep();
    });
  },
);
