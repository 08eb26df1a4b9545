import { decode } from 'iconv-lite';
import type { ExpiredUsersReport, ExpiryReport } from '@certdesk/contracts';
import { lifecycleStatus } from '@certdesk/domain';
import { describeApp } from '../../testing/describe-app';
import { seedCreditUnions, StaffBrowser } from '../../testing/staff-browser';
import { AuditEvent } from '../audit/audit-event.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { parseCsv } from '../import/csv';
import { download } from './testing/report-testing';
import { lifecycleInputOf } from '../customers/ib-user-lifecycle';

describeApp('reports and CSV exports on $name', ({ t }) => {
  let cu: CreditUnion;
  let compliance: StaffBrowser;

  beforeAll(async () => {
    await seedCreditUnions(t, {
      seed: 5,
      creditUnions: 2,
      customersPerCreditUnion: 150,
    });
    cu = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ code: '1001' });
    compliance = StaffBrowser.of(t);
    await compliance.login('compliance-1001');
  });

  async function expiredUsers(
    status: 'expired' | 'reissue_required' = 'expired',
  ): Promise<IbUser[]> {
    const users = await t.dataSource
      .getRepository(IbUser)
      .findBy({ creditUnionId: cu.id });
    return users.filter(
      (u) => lifecycleStatus(lifecycleInputOf(u), t.clock.today()) === status,
    );
  }

  it.each([
    ['locked-out', 'expired'],
    ['past-limit', 'reissue_required'],
  ] as const)(
    'lists exactly the %s IB users, oldest expiry first, page by page',
    async (list, status) => {
      const expected = await expiredUsers(status);
      const seen: string[] = [];
      const expiries: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await compliance.get(
          `/api/reports/${list}?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        const page = res.body as ExpiredUsersReport;
        expect(page.creditUnion).toEqual({ code: '1001', name: cu.name });
        seen.push(...page.items.map((i) => i.ibUserId));
        expiries.push(...page.items.map((i) => i.expiryDate));
        for (const i of page.items)
          expect(i.daysSinceExpiry).toBeGreaterThanOrEqual(1);
        cursor = page.nextCursor;
      } while (cursor);
      expect([...seen].sort()).toEqual(expected.map((u) => u.id).sort());
      expect(new Set(seen).size).toBe(seen.length);
      expect(expiries).toEqual([...expiries].sort());
      expect(new Set(expiries).size).toBeLessThan(expiries.length); // days shared by several users cross page ends
    },
  );

  it('exports the locked-out list as UTF-8 CSV with a BOM and Japanese headers that parses back to the same rows', async () => {
    const res = await download(t, compliance, '/api/reports/locked-out.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="locked-out-20261201.csv"',
    );
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(res.body.subarray(3).toString('utf8')).filter(
      (r) => r.fields.some((f) => f !== ''),
    );
    expect(records[0].fields.join(',')).toBe(
      '店番,店名,契約者番号,会社名,会社名カナ,利用者区分,ログインID,利用者名,メールアドレス,有効期限日,期限切れからの日数,再取得期限',
    );
    const expected = await expiredUsers();
    expect(
      records
        .slice(1)
        .map((r) => r.fields[6])
        .sort(),
    ).toEqual(expected.map((u) => u.loginId).sort());
    const audit = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'report.export', targetId: 'locked-out' });
    expect(JSON.parse(audit[audit.length - 1].details)).toMatchObject({
      rows: expected.length,
      encoding: 'utf-8',
      cancelled: false,
    });
  });

  it('exports CP932 with 髙 and 﨑, refuses a character CP932 lacks (naming it), and replaces it only when asked', async () => {
    const [target] = await expiredUsers();
    await t.dataSource
      .getRepository(Customer)
      .update(target.customerId, { companyName: '株式会社髙橋山﨑' });
    const ok = await download(
      t,
      compliance,
      '/api/reports/locked-out.csv?encoding=cp932',
    );
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(decode(ok.body, 'cp932')).toContain('株式会社髙橋山﨑');

    await t.dataSource
      .getRepository(Customer)
      .update(target.customerId, { companyName: '𠮷野商店' });
    const refused = await compliance.get(
      '/api/reports/locked-out.csv?encoding=cp932',
    );
    expect(refused.status).toBe(422);
    expect(refused.body.details[0].reason).toMatch(
      /^「𠮷」\(U\+20BB7\) \d+行目から計1行$/,
    );
    const replaced = await download(
      t,
      compliance,
      '/api/reports/locked-out.csv?encoding=cp932&unmappable=replace',
    );
    expect(replaced.status).toBe(200);
    expect(replaced.headers['x-unmappable-characters']).toBe('U+20BB7');
    expect(decode(replaced.body, 'cp932')).toContain('〓野商店');
  });

  it('neutralises spreadsheet formulas in exported values', async () => {
    const [target] = await expiredUsers();
    await t.dataSource
      .getRepository(Customer)
      .update(target.customerId, { companyName: '=HYPERLINK("http://evil")' });
    const res = await download(t, compliance, '/api/reports/locked-out.csv');
    expect(res.body.toString('utf8')).toContain(
      `"'=HYPERLINK(""http://evil"")"`,
    );
  });

  it('reports expiries per month and branch for 15 months and exports the audit log', async () => {
    const report = (await compliance.get('/api/reports/expiry'))
      .body as ExpiryReport;
    expect(report.months.map((m) => m.month)).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
    ]);
    const [{ n }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM certificate WHERE credit_union_id = $1 AND expiry_date BETWEEN '2026-12-01' AND '2026-12-31'`.replace(
        '$1',
        `'${cu.id}'`,
      ),
    );
    expect(report.months[3].total).toBe(Number(n));
    const audit = await download(
      t,
      compliance,
      '/api/reports/audit.csv?from=2026-12-01&to=2026-12-01',
    );
    expect(audit.status).toBe(200);
    const lines = parseCsv(audit.body.subarray(3).toString('utf8')).filter(
      (r) => r.fields.some((f) => f !== ''),
    );
    expect(lines[0].fields[0]).toBe('番号');
    expect(lines.slice(1).map((r) => r.fields[3])).toContain('auth.login');
  });

  it('is refused to branch staff and admins, and answers 400 naming a bad parameter', async () => {
    for (const role of ['branch_staff', 'admin']) {
      const staff = StaffBrowser.of(t);
      await staff.login(`${role}-1001`);
      expect((await staff.get('/api/reports/locked-out.csv')).status).toBe(403);
    }
    const bad = await compliance.get(
      '/api/reports/locked-out.csv?encoding=sjis',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('encoding');
  });
});
