import { searchKeyForCustomer } from '@certdesk/domain';
import { encode } from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { Certificate } from '../certificates/certificate.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { CustomerImportService } from './customer-import.service';
import { csvLine, csvText } from './import-fixtures';
import { ImportReport, noChanges } from './import-report';

const SAMPLE = readFileSync(
  join(__dirname, 'samples', 'customers.sample.csv'),
  'utf8',
);
const TABLES = [
  'certificate',
  'ib_user',
  'customer',
  'branch',
  'credit_union',
] as const;
const SAMPLE_REPORT: ImportReport = {
  ok: true,
  encoding: 'utf-8',
  lines: 6,
  errors: [],
  created: {
    creditUnions: 1,
    branches: 3,
    customers: 4,
    ibUsers: 6,
    certificates: 5,
  },
  updated: { customers: 0, ibUsers: 0 },
  unchanged: 0,
};

describeApp(
  'customer import on $name',
  { now: '2026-12-01T09:00:00+09:00' },
  ({ t }) => {
    let importer: CustomerImportService;
    const run = (text: string | Buffer, dryRun = false) =>
      importer.importFile(
        typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
        { dryRun },
      );
    const dump = async (): Promise<Record<string, unknown[]>> =>
      Object.fromEntries(
        await Promise.all(
          TABLES.map(async (table) => [
            table,
            await t.dataSource.query(`SELECT * FROM ${table} ORDER BY id`),
          ]),
        ),
      );
    const counts = async (): Promise<number[]> =>
      Promise.all(
        TABLES.map(async (table) =>
          Number(
            (await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]
              .n,
          ),
        ),
      );
    const ibUser = (loginId: string) =>
      t.dataSource.getRepository(IbUser).findOneByOrFail({ loginId });
    const certificate = (serialHex: string) =>
      t.dataSource.getRepository(Certificate).findOneByOrFail({ serialHex });

    beforeAll(async () => {
      importer = t.app.get(CustomerImportService, { strict: false });
    });
    beforeEach(async () => {
      for (const table of TABLES)
        await t.dataSource.query(`DELETE FROM ${table}`);
      t.clock.set(new Date('2026-12-01T09:00:00+09:00'));
    });

    it('imports the sample file', async () => {
      expect(await run(SAMPLE)).toEqual(SAMPLE_REPORT);
      const now = t.clock.now();
      const cu = await t.dataSource
        .getRepository(CreditUnion)
        .findOneByOrFail({ code: '1901' });
      expect(cu).toMatchObject({
        name: '信用金庫（1901）',
        helpDeskPhone: '',
        helpDeskHours: '',
        renewalWindowDays: 30,
        createdAt: now,
      });
      const takahashi = await t.dataSource
        .getRepository(Customer)
        .findOneByOrFail({ contractNumber: '0000100001' });
      expect(takahashi).toMatchObject({
        creditUnionId: cu.id,
        companyName: '株式会社髙橋製作所',
        companyNameKana: 'ｶ)ﾀｶﾊｼｾｲｻｸｼﾖ',
        contactPhone: null,
        searchKey: searchKeyForCustomer('株式会社髙橋製作所', 'ｶ)ﾀｶﾊｼｾｲｻｸｼﾖ'),
        contactEmail: 'keiri@takahashi-ss.example.jp',
        createdAt: now,
        updatedAt: now,
      });
      const sakura = await t.dataSource
        .getRepository(Customer)
        .findOneByOrFail({ contractNumber: '0000100003' });
      expect(sakura.companyName).toBe(
        '医療法人社団 さくら会, さくら内科クリニック',
      );

      const first = await certificate('3a7f01c29e44d018');
      expect(first).toMatchObject({
        subjectDn: 'CN=tkhs-admin,OU=0000100001,O=信用金庫（1901）,C=JP',
        issuedVia: 'imported',
        expiryDate: '2027-01-15',
        notBefore: new Date('2026-01-14T15:00:00Z'),
        notAfter: new Date('2027-01-15T14:59:59Z'),
        revokedAt: null,
        pem: null,
      });
      expect(await ibUser('tkhs-admin')).toMatchObject({
        customerId: takahashi.id,
        ibRole: 'administrator',
        name: '髙橋 一郎',
        currentCertificateId: first.id,
        currentExpiryDate: '2027-01-15',
        currentRevoked: false,
        pinHash: null,
        reissueState: null,
      });
      expect(await ibUser('tkhs-keiri02')).toMatchObject({
        ibRole: 'user',
        email: null,
        currentCertificateId: null,
        currentExpiryDate: null,
      });
      expect((await certificate('5c028b61af3d77e0')).notBefore).toEqual(
        new Date('2025-10-01T01:15:00Z'),
      );
      expect((await certificate('0a44e9137c58b206')).notBefore).toEqual(
        new Date('2025-06-09T15:00:00Z'),
      );
      const audit = await t.dataSource
        .getRepository(AuditEvent)
        .findBy({ action: 'import.customers', creditUnionId: cu.id });
      expect(
        audit.map((a) => ({
          outcome: a.outcome,
          actorType: a.actorType,
          details: JSON.parse(a.details),
        })),
      ).toEqual([
        {
          outcome: 'success',
          actorType: 'system',
          details: {
            lines: 6,
            encoding: 'utf-8',
            created: SAMPLE_REPORT.created,
            updated: SAMPLE_REPORT.updated,
            unchanged: 0,
          },
        },
      ]);
    });

    it('writes nothing when one line is bad, and names that line', async () => {
      const bad = csvText([csvLine({ cert_expiry_date: '2026-02-30' })]).split(
        '\n',
      )[1];
      const report = await run(`${SAMPLE}${bad}\n`);
      expect(report).toEqual({
        ...SAMPLE_REPORT,
        ...noChanges(),
        ok: false,
        lines: 7,
        errors: [
          {
            line: 8,
            message:
              '8行目: cert_expiry_date「2026-02-30」は実在する日付（YYYY-MM-DD）で指定してください',
          },
        ],
      });
      expect(await counts()).toEqual([0, 0, 0, 0, 0]);
    });

    it('changes nothing when the same file is imported again', async () => {
      await run(SAMPLE);
      const before = await dump();
      t.clock.advance(86_400_000);
      expect(await run(SAMPLE)).toEqual({
        ...SAMPLE_REPORT,
        ...noChanges(),
        unchanged: 6,
      });
      expect(await dump()).toEqual(before);
    });

    it('updates only the row whose value changed', async () => {
      await run(SAMPLE);
      const before = await ibUser('tkhs-keiri02');
      const others = (await dump()).customer;
      t.clock.advance(86_400_000);
      const report = await run(SAMPLE.replace('中村 翔太', '中村 翔'));
      expect(report).toMatchObject({
        ok: true,
        ...noChanges(),
        updated: { customers: 0, ibUsers: 1 },
        unchanged: 5,
      });
      expect(await ibUser('tkhs-keiri02')).toEqual({
        ...before,
        name: '中村 翔',
        updatedAt: t.clock.now(),
      });
      expect((await ibUser('tkhs-admin')).updatedAt).toEqual(before.updatedAt);
      expect((await dump()).customer).toEqual(others);
    });

    it('reads a CP932 file (Excel on Japanese Windows) with 髙 and half-width kana', async () => {
      const report = await run(encode(SAMPLE.replace(/\n/g, '\r\n'), 'cp932'));
      expect(report).toEqual({ ...SAMPLE_REPORT, encoding: 'cp932' });
      expect(
        await t.dataSource
          .getRepository(Customer)
          .findOneByOrFail({ contractNumber: '0000100001' }),
      ).toMatchObject({
        companyName: '株式会社髙橋製作所',
        companyNameKana: 'ｶ)ﾀｶﾊｼｾｲｻｸｼﾖ',
      });
      expect((await ibUser('tkhs-admin')).name).toBe('髙橋 一郎');
    });

    it('reads UTF-8 with a BOM', async () => {
      const report = await run(
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(SAMPLE, 'utf8'),
        ]),
      );
      expect(report).toEqual({ ...SAMPLE_REPORT, encoding: 'utf-8-bom' });
    });

    it('refuses a wrong header, naming the missing and unknown columns', async () => {
      const report = await run(SAMPLE.replace('ib_role', 'role'));
      expect(report).toMatchObject({
        ok: false,
        ...noChanges(),
        errors: [
          {
            line: 1,
            message: expect.stringContaining(
              '不足している列: ib_role。不明な列: role',
            ),
          },
        ],
      });
      expect(await counts()).toEqual([0, 0, 0, 0, 0]);
    });

    it('stores a serial written with colons and upper case in its normal form', async () => {
      expect(
        await run(csvText([csvLine({ cert_serial: '00:AB:CD:0F' })])),
      ).toMatchObject({ ok: true });
      expect((await ibUser('test-admin')).currentCertificateId).toBe(
        (await certificate('abcd0f')).id,
      );
    });

    it('refuses duplicate login IDs and serials across lines', async () => {
      const report = await run(
        csvText([
          csvLine(),
          csvLine({ contract_number: '2', cert_serial: '01' }),
          csvLine({ ib_login_id: 'other', cert_serial: '01:23:AB:CD' }),
        ]),
      );
      expect(report.errors.map((e) => e.line)).toEqual([3, 4]);
      expect(await counts()).toEqual([0, 0, 0, 0, 0]);
    });

    it('refuses a login ID or serial stored for another customer or IB user, writing nothing', async () => {
      await run(SAMPLE);
      const before = await dump();
      const report = await run(
        csvText([
          csvLine({ cert_serial: '', cert_expiry_date: '' }),
          csvLine({
            contract_number: '2',
            ib_login_id: 'tkhs-admin',
            cert_serial: '',
            cert_expiry_date: '',
          }),
          csvLine({
            contract_number: '2',
            ib_login_id: 'x',
            cert_serial: '3A7F01C29E44D018',
            cert_expiry_date: '2027-01-15',
          }),
        ]),
      );
      expect(report.errors).toEqual([
        {
          line: 3,
          message: expect.stringContaining(
            '別のご契約先（契約者番号 0000100001）の利用者として登録済みです',
          ),
        },
        {
          line: 4,
          message: expect.stringContaining(
            '別の利用者（ログインID tkhs-admin）の証明書として登録済みです',
          ),
        },
      ]);
      expect(await dump()).toEqual(before);
    });

    it('uses a stored credit union, and a dry run writes nothing', async () => {
      await t.dataSource.getRepository(CreditUnion).insert({
        id: '00000000-0000-4000-8000-000000001901',
        code: '1901',
        name: 'みなと信用金庫',
        helpDeskPhone: '0120-000-000',
        helpDeskHours: '平日 9:00〜17:00',
        createdAt: t.clock.now(),
      });
      const before = await dump();
      expect(await run(SAMPLE, true)).toEqual({
        ...SAMPLE_REPORT,
        created: { ...SAMPLE_REPORT.created, creditUnions: 0 },
      });
      expect(await dump()).toEqual(before);
      await run(SAMPLE);
      expect((await certificate('3a7f01c29e44d018')).subjectDn).toBe(
        'CN=tkhs-admin,OU=0000100001,O=みなと信用金庫,C=JP',
      );
    });
  },
);
