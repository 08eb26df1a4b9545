import type { ImportRunDetail, ImportRunView } from '@certdesk/contracts';
import { encode } from 'iconv-lite';
import { createHash } from 'node:crypto';
import { StaffBrowser } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { AuditEvent } from '../../audit/audit-event.entity';
import { Customer } from '../../customers/customer.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { csvLine, csvText } from '../import-fixtures';
import { ImportRunsService, PLAN_CHANGED_MESSAGE } from './import-runs.service';

/** Three IB users of two new customers of credit union 1001 (one without a certificate). */
const FILE = csvText([
  csvLine({ credit_union_code: '1001', contract_number: '7000000001' }),
  csvLine({
    credit_union_code: '1001',
    contract_number: '7000000001',
    ib_login_id: 'test-user2',
    ib_role: 'user',
    cert_serial: '0123abce',
  }),
  csvLine({
    credit_union_code: '1001',
    contract_number: '7000000002',
    company_name: '有限会社みどり工業',
    company_name_kana: 'ﾕ)ﾐﾄﾞﾘｺｳｷﾞﾖｳ',
    ib_login_id: 'midori-admin',
    cert_serial: '',
    cert_expiry_date: '',
  }),
]);

/**
 * 取込 in the console (issue 16): upload → check → 取り込む or 取消, bad lines, CP932, 取込履歴,
 * the permission, and the tenant.
 */
describeSeededApp('imports in the console on $name', ({ t, seeded }) => {
  let manager: StaffBrowser;
  let admin: StaffBrowser;
  let otherManager: StaffBrowser;

  const upload = (
    who: StaffBrowser,
    bytes: Buffer | string,
    name = 'customers.csv',
    query = '',
  ) =>
    who.send(
      'post',
      `/api/imports?name=${encodeURIComponent(name)}${query}`,
      Buffer.from(bytes),
      { 'Content-Type': 'text/csv' },
    );
  const applied = async (who: StaffBrowser, id: string) => {
    const res = await who.post(`/api/imports/${id}/apply`);
    expect(res.status).toBe(202);
    await t.app.get(ImportRunsService).idle();
    return (await who.get(`/api/imports/${id}`)).body as ImportRunDetail;
  };
  const customer = (contractNumber: string) =>
    t.dataSource.getRepository(Customer).findOneBy({ contractNumber });

  beforeAll(async () => {
    manager = StaffBrowser.of(t);
    admin = StaffBrowser.of(t);
    otherManager = StaffBrowser.of(t);
    expect((await manager.login('manager-1001')).status).toBe(200);
    expect((await admin.login('admin-1001')).status).toBe(200);
    expect((await otherManager.login('manager-1002')).status).toBe(200);
  }, 120_000);

  it('checks an upload without writing, then applies it all at once, audited', async () => {
    const res = await upload(manager, FILE, '顧客一覧.csv');
    expect(res.status).toBe(201);
    const run = res.body as ImportRunDetail;
    expect(run).toMatchObject({
      status: 'planned',
      source: 'upload',
      fileName: '顧客一覧.csv',
      fileSize: Buffer.byteLength(FILE),
      sha256: createHash('sha256').update(FILE).digest('hex'),
      encoding: 'utf-8',
      lines: 3,
      errorCount: 0,
      errors: [],
      summary: {
        customers: { created: 2, changed: 0, unchanged: 0, removed: 0 },
        ibUsers: { created: 3, changed: 0, unchanged: 0, removed: 0 },
        certificates: { created: 2, changed: 0, unchanged: 0, removed: 0 },
      },
    });
    expect(await customer('7000000001')).toBeNull();

    const done = await applied(admin, run.id);
    expect(done).toMatchObject({
      status: 'applied',
      decidedByName: expect.any(String),
      progress: null,
    });
    expect(done.finishedAt).not.toBeNull();
    expect((await customer('7000000001'))?.companyName).toBe(
      '株式会社テスト商事',
    );
    expect(
      await t.dataSource.getRepository(IbUser).countBy({}),
    ).toBeGreaterThan(3);
    const audit = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'import.applied', targetId: run.id });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorName).toBe('admin-1001');
    expect(audit[0].creditUnionId).toBe(seeded.a.id);

    // 取込履歴: who, which file, when, what it changed.
    const history = (await manager.get('/api/imports')).body as ImportRunView[];
    expect(history[0]).toMatchObject({
      id: run.id,
      status: 'applied',
      fileName: '顧客一覧.csv',
      sha256: run.sha256,
      summary: run.summary,
    });

    // A second 取り込む of the same check is refused.
    expect((await admin.post(`/api/imports/${run.id}/apply`)).status).toBe(409);
  });

  it('shows changed fields old → new and unchanged rows; 取消 writes nothing', async () => {
    const changed = FILE.replace('有限会社みどり工業', '有限会社みどり興業');
    const run = (await upload(manager, changed)).body as ImportRunDetail;
    expect(run.summary).toMatchObject({
      customers: { created: 0, changed: 1, unchanged: 1 },
      ibUsers: { created: 0, changed: 0, unchanged: 3 },
      certificates: { created: 0, unchanged: 2 },
    });
    expect(run.changes).toEqual([
      {
        kind: 'customer',
        key: '7000000002',
        name: '有限会社みどり工業',
        fields: [
          {
            field: '会社名',
            before: '有限会社みどり工業',
            after: '有限会社みどり興業',
          },
        ],
      },
    ]);
    const res = await manager.post(`/api/imports/${run.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled' });
    expect((await customer('7000000002'))?.companyName).toBe(
      '有限会社みどり工業',
    );
    expect((await manager.post(`/api/imports/${run.id}/apply`)).status).toBe(
      409,
    );
  });

  it('refuses 取り込む, writing nothing, when the stored data changed since the check', async () => {
    const text = csvText([
      csvLine({
        credit_union_code: '1001',
        contract_number: '7000000020',
        ib_login_id: 'drift-1',
        cert_serial: '0d0d0d',
      }),
    ]);
    const run = (await upload(manager, text)).body as ImportRunDetail;
    expect(run.summary?.customers.created).toBe(1);
    // Meanwhile the customer arrives by another way (e.g. the CLI): the check no longer holds.
    const again = (await upload(manager, text)).body as ImportRunDetail;
    expect((await applied(manager, again.id)).status).toBe('applied');
    const done = await applied(manager, run.id);
    expect(done).toMatchObject({
      status: 'failed',
      message: PLAN_CHANGED_MESSAGE,
    });
    expect(
      await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'import.applied', targetId: run.id }),
    ).toBe(0);
  });

  it('lists every bad line with its number and reason, another credit union’s lines too, and cannot apply it', async () => {
    const bad = csvText([
      csvLine({
        credit_union_code: '1001',
        contract_number: '7000000003',
        ib_login_id: 'x-0',
        cert_serial: '0abc00',
      }),
      csvLine({
        credit_union_code: '1001',
        contract_number: '7000000004',
        ib_login_id: 'x-1',
        cert_expiry_date: '2027/13/01',
      }),
      csvLine({
        credit_union_code: '1002',
        contract_number: '7000000005',
        ib_login_id: 'x-2',
        cert_serial: '0abc01',
      }),
    ]);
    const res = await upload(manager, bad);
    expect(res.status).toBe(201);
    const run = res.body as ImportRunDetail;
    expect(run.status).toBe('rejected');
    expect(run.errorCount).toBe(2);
    expect(run.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(run.errors[0].message).toMatch(/^3行目: cert_expiry_date/);
    expect(run.errors[1].message).toContain('credit_union_code「1002」は');
    expect((await manager.post(`/api/imports/${run.id}/apply`)).status).toBe(
      409,
    );
    expect(await customer('7000000003')).toBeNull();
  });

  it('reads a CP932 file with half-width kana as the CLI does', async () => {
    const text = csvText([
      csvLine({
        credit_union_code: '1001',
        contract_number: '7000000010',
        company_name: '髙橋ﾊﾟｰﾂ株式会社',
        company_name_kana: 'ﾀｶﾊｼﾊﾟｰﾂ(ｶ',
        ib_login_id: 'takahashi-1',
        ib_user_name: '髙橋 ①郎',
        cert_serial: '0a0b0c',
      }),
    ]);
    const run = (await upload(manager, encode(text, 'cp932'), 'sjis.csv'))
      .body as ImportRunDetail;
    expect(run).toMatchObject({ status: 'planned', encoding: 'cp932' });
    expect((await applied(manager, run.id)).status).toBe('applied');
    expect(await customer('7000000010')).toMatchObject({
      companyName: '髙橋ﾊﾟｰﾂ株式会社',
      companyNameKana: 'ﾀｶﾊｼﾊﾟｰﾂ(ｶ',
    });
  });

  it('refuses an empty body, a missing name and a JSON body with a Japanese reason', async () => {
    expect((await upload(manager, '')).body.message).toBe(
      'ファイルが空です。取り込むCSVファイルを選んでください',
    );
    expect((await upload(manager, FILE, '')).status).toBe(400);
    const json = await manager.post('/api/imports?name=a.csv', { a: 1 });
    expect(json.status).toBe(400);
    expect(json.body.message).toContain('Content-Type: text/csv');
  });

  it('is for managers and admins only, and for their own credit union', async () => {
    for (const role of ['branch_staff', 'compliance'] as const) {
      const staff = StaffBrowser.of(t);
      expect((await staff.login(seeded.username(role, seeded.a))).status).toBe(
        200,
      );
      expect((await staff.get('/api/imports')).status).toBe(403);
      expect((await upload(staff, FILE)).status).toBe(403);
    }
    const mine = (await manager.get('/api/imports')).body as ImportRunView[];
    expect(mine.length).toBeGreaterThan(0);
    expect((await otherManager.get('/api/imports')).body).toEqual([]);
    for (const path of ['', '/apply', '/cancel']) {
      const res =
        path === ''
          ? await otherManager.get(`/api/imports/${mine[0].id}`)
          : await otherManager.post(`/api/imports/${mine[0].id}${path}`);
      expect(res.status).toBe(404);
    }
  });
});
