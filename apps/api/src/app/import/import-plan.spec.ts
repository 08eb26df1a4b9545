import { searchKeyForCustomer } from '@certdesk/domain';
import type { Certificate } from '../certificates/certificate.entity';
import { CsvLine, csvLine, csvText } from './import-fixtures';
import { readImportText } from './import-file';
import {
  ExistingState,
  ImportPlan,
  PlanContext,
  planImport,
} from './import-plan';
import type { ImportRow } from './import-row';

const NOW = new Date('2026-12-01T00:00:00Z');
const EMPTY: ExistingState = {
  creditUnions: [],
  branches: [],
  customers: [],
  ibUsers: [],
  certificates: [],
};

function context(): PlanContext {
  let n = 0;
  return { now: NOW, newId: () => `id-${++n}` };
}

function rowsOf(lines: CsvLine[]): ImportRow[] {
  const file = readImportText(csvText(lines));
  expect(file.errors).toEqual([]);
  return file.rows;
}

/** What the database holds after `plan` was written on top of `before`. */
function after(plan: ImportPlan, before: ExistingState = EMPTY): ExistingState {
  const apply = <T extends { id: string }>(
    rows: T[],
    changes: { id: string; changes: Partial<T> }[],
  ): T[] =>
    rows.map((r) => ({ ...r, ...changes.find((c) => c.id === r.id)?.changes }));
  return {
    creditUnions: [...before.creditUnions, ...plan.inserts.creditUnions],
    branches: [...before.branches, ...plan.inserts.branches],
    customers: apply(
      [...before.customers, ...plan.inserts.customers],
      plan.updates.customers,
    ),
    ibUsers: apply(
      [...before.ibUsers, ...plan.inserts.ibUsers],
      plan.updates.ibUsers,
    ),
    certificates: [...before.certificates, ...plan.inserts.certificates],
  };
}

const admin = csvLine({ cert_serial: '0A:BC', cert_expiry_date: '2027-06-30' });
const user = csvLine({
  ib_login_id: 'test-user',
  ib_role: 'user',
  ib_user_name: '鈴木 花子',
  ib_user_email: '',
  cert_serial: '',
  cert_expiry_date: '',
});

describe('planImport', () => {
  it('creates the credit union, branch, customer, IB users and certificate of a new customer', () => {
    const plan = planImport(rowsOf([admin, user]), EMPTY, context());
    expect(plan.errors).toEqual([]);
    expect(plan.inserts.creditUnions).toEqual([
      expect.objectContaining({
        code: '1901',
        name: '信用金庫（1901）',
        helpDeskPhone: '',
        helpDeskHours: '',
        createdAt: NOW,
      }),
    ]);
    expect(plan.inserts.branches).toEqual([
      expect.objectContaining({ code: '001', name: '001店' }),
    ]);
    expect(plan.inserts.customers).toEqual([
      expect.objectContaining({
        searchKey: searchKeyForCustomer('株式会社テスト商事', 'ｶ)ﾃｽﾄｼﾖｳｼﾞ'),
        contactPhone: null,
        updatedAt: NOW,
      }),
    ]);
    const [certificate] = plan.inserts.certificates;
    expect(certificate).toMatchObject({
      serialHex: '0abc',
      subjectDn: 'CN=test-admin,OU=0000200001,O=信用金庫（1901）,C=JP',
      issuedVia: 'imported',
      expiryDate: '2027-06-30',
      notAfter: new Date('2027-06-30T14:59:59Z'),
      notBefore: new Date('2026-06-29T15:00:00Z'),
      pem: null,
      fingerprintSha256: null,
      publicKeySha256: null,
      revokedAt: null,
    });
    expect(plan.inserts.ibUsers).toEqual([
      expect.objectContaining({
        loginId: 'test-admin',
        currentCertificateId: certificate.id,
        currentExpiryDate: '2027-06-30',
        currentRevoked: false,
      }),
      expect.objectContaining({
        loginId: 'test-user',
        email: null,
        currentCertificateId: null,
        currentExpiryDate: null,
      }),
    ]);
    expect(plan.unchangedLines).toBe(0);
  });

  it('plans nothing for data already stored', () => {
    const rows = rowsOf([admin, user]);
    const plan = planImport(
      rows,
      after(planImport(rows, EMPTY, context())),
      context(),
    );
    expect(plan).toEqual({
      errors: [],
      inserts: {
        creditUnions: [],
        branches: [],
        customers: [],
        ibUsers: [],
        certificates: [],
      },
      updates: { customers: [], ibUsers: [] },
      unchangedLines: 2,
    });
  });

  it('updates only the changed fields of the changed rows', () => {
    const stored = after(planImport(rowsOf([admin, user]), EMPTY, context()));
    const plan = planImport(
      rowsOf([admin, { ...user, ib_user_name: '鈴木 花' }]),
      stored,
      context(),
    );
    expect(plan.updates).toEqual({
      customers: [],
      ibUsers: [{ id: 'id-6', changes: { name: '鈴木 花' } }],
    });
    expect(plan.unchangedLines).toBe(1);

    const renamed = { company_name: '株式会社テスト物産', branch_code: '002' };
    const moved = planImport(
      rowsOf([
        { ...admin, ...renamed },
        { ...user, ...renamed },
      ]),
      stored,
      context(),
    );
    expect(moved.inserts.branches).toEqual([
      expect.objectContaining({ code: '002' }),
    ]);
    expect(moved.updates.customers).toEqual([
      {
        id: 'id-3',
        changes: {
          branchId: moved.inserts.branches[0].id,
          companyName: '株式会社テスト物産',
          searchKey: searchKeyForCustomer('株式会社テスト物産', 'ｶ)ﾃｽﾄｼﾖｳｼﾞ'),
        },
      },
    ]);
  });

  it('uses a stored credit union and its name', () => {
    const stored = after(planImport(rowsOf([user]), EMPTY, context()));
    stored.creditUnions[0] = {
      ...stored.creditUnions[0],
      name: 'さくら信用金庫',
    };
    const plan = planImport(rowsOf([admin, user]), stored, context());
    expect(plan.inserts.creditUnions).toEqual([]);
    expect(plan.inserts.certificates[0].subjectDn).toBe(
      'CN=test-admin,OU=0000200001,O=さくら信用金庫,C=JP',
    );
  });

  it('refuses a login ID stored for another customer and a serial stored for another IB user', () => {
    const stored = after(planImport(rowsOf([admin]), EMPTY, context()));
    const plan = planImport(
      rowsOf([
        {
          ...admin,
          contract_number: '99',
          cert_serial: '',
          cert_expiry_date: '',
        },
        {
          ...user,
          ib_login_id: 'other',
          cert_serial: '0abc',
          cert_expiry_date: '2027-06-30',
        },
      ]),
      stored,
      context(),
    );
    expect(plan.errors.map((e) => e.message)).toEqual([
      '2行目: ib_login_id「test-admin」は別のご契約先（契約者番号 0000200001）の利用者として登録済みです。ログインIDを確認してください',
      '3行目: cert_serial（0abc）は別の利用者（ログインID test-admin）の証明書として登録済みです。シリアル番号を確認してください',
    ]);
  });

  it('never changes a stored certificate: another expiry or a given other start is refused', () => {
    const stored = after(planImport(rowsOf([admin]), EMPTY, context()));
    const again = (change: Partial<typeof admin>) =>
      planImport(rowsOf([{ ...admin, ...change }]), stored, context());
    expect(
      again({ cert_expiry_date: '2027-07-01' }).errors[0].message,
    ).toContain('有効期限日 2027-06-30 と違います');
    expect(
      again({ cert_not_before: '2026-07-01' }).errors[0].message,
    ).toContain('開始日時 2026-06-30T00:00:00+09:00 と違います');
    expect(again({ cert_not_before: '2026-06-30' }).errors).toEqual([]);
  });

  describe('current certificate', () => {
    const withCertificate = (serial: string, expiry: string): CsvLine => ({
      ...admin,
      cert_serial: serial,
      cert_expiry_date: expiry,
    });
    const storedWith = (change: Partial<Certificate> = {}): ExistingState => {
      const stored = after(
        planImport(
          rowsOf([withCertificate('aa', '2027-06-30')]),
          EMPTY,
          context(),
        ),
      );
      stored.certificates = [{ ...stored.certificates[0], ...change }];
      return stored;
    };

    it('moves to an imported certificate that expires later', () => {
      const plan = planImport(
        rowsOf([withCertificate('bb', '2028-06-30')]),
        storedWith(),
        context(),
      );
      const id = plan.inserts.certificates[0].id;
      expect(plan.updates.ibUsers).toEqual([
        {
          id: 'id-4',
          changes: {
            currentCertificateId: id,
            currentExpiryDate: '2028-06-30',
          },
        },
      ]);
    });

    it('stays on a stored certificate that expires later', () => {
      const plan = planImport(
        rowsOf([withCertificate('bb', '2027-01-31')]),
        storedWith(),
        context(),
      );
      expect(plan.inserts.certificates).toHaveLength(1);
      expect(plan.updates.ibUsers).toEqual([]);
    });

    it('skips revoked certificates', () => {
      const plan = planImport(
        rowsOf([withCertificate('bb', '2027-01-31')]),
        storedWith({ revokedAt: NOW, revocationReason: 'keyCompromise' }),
        context(),
      );
      expect(plan.updates.ibUsers).toEqual([
        {
          id: 'id-4',
          changes: {
            currentCertificateId: plan.inserts.certificates[0].id,
            currentExpiryDate: '2027-01-31',
          },
        },
      ]);
    });

    it('is left as it is when no certificate is unrevoked', () => {
      const stored = storedWith({
        revokedAt: NOW,
        revocationReason: 'keyCompromise',
      });
      stored.ibUsers[0] = {
        ...stored.ibUsers[0],
        currentRevoked: true,
        reissueState: 'authorized',
      };
      const plan = planImport(
        rowsOf([withCertificate('aa', '2027-06-30')]),
        stored,
        context(),
      );
      expect(plan.updates.ibUsers).toEqual([]);
      expect(plan.unchangedLines).toBe(1);
    });
  });
});
