import {
  jstEndOfDay,
  searchKeyForCustomer,
  formatJstIsoDateTime,
} from '@certdesk/domain';
import type { Certificate } from '../certificates/certificate.entity';
import type { Branch } from '../credit-unions/branch.entity';
import type { CreditUnion } from '../credit-unions/credit-union.entity';
import type { Customer } from '../customers/customer.entity';
import type { IbUser } from '../customers/ib-user.entity';
import { FRESH_IB_USER } from '../customers/fresh-ib-user';
import { PEMLESS_CERTIFICATE } from '../certificates/pemless-certificate';
import { tenantKey } from './cross-line';
import {
  currentOf,
  diff,
  ExistingState,
  ImportPlan,
  isTouched,
  PlanContext,
  RowChange,
  same,
  Tracked,
} from './import-plan-model';
import { ImportError, lineError } from './import-report';
import type { ImportCertificate, ImportRow } from './import-row';

export type {
  ExistingState,
  ImportPlan,
  PlanContext,
  RowChange,
} from './import-plan-model';

/**
 * Decides, without touching the database, what an import of `rows` writes: new rows, changed
 * fields of stored rows, and the lines that break a rule against the stored data.
 */
export function planImport(
  rows: readonly ImportRow[],
  existing: ExistingState,
  ctx: PlanContext,
): ImportPlan {
  return new Planner(existing, ctx).plan(rows);
}

class Planner {
  private readonly errors: ImportError[] = [];
  private readonly creditUnions = new Map<string, Tracked<CreditUnion>>();
  private readonly branches = new Map<string, Tracked<Branch>>();
  private readonly customers = new Map<string, Tracked<Customer>>();
  private readonly ibUsers = new Map<string, Tracked<IbUser>>();
  private readonly certificates = new Map<string, Tracked<Certificate>>();
  private readonly certificatesByIbUser = new Map<string, Certificate[]>();
  private readonly stored: {
    creditUnions: Map<string, CreditUnion>;
    branches: Map<string, Branch>;
    customers: Map<string, Customer>;
    ibUsers: Map<string, IbUser>;
    certificates: Map<string, Certificate>;
    customersById: Map<string, Customer>;
    ibUsersById: Map<string, IbUser>;
  };

  constructor(
    existing: ExistingState,
    private readonly ctx: PlanContext,
  ) {
    this.stored = {
      creditUnions: new Map(existing.creditUnions.map((c) => [c.code, c])),
      branches: new Map(
        existing.branches.map((b) => [tenantKey(b.creditUnionId, b.code), b]),
      ),
      customers: new Map(
        existing.customers.map((c) => [
          tenantKey(c.creditUnionId, c.contractNumber),
          c,
        ]),
      ),
      ibUsers: new Map(
        existing.ibUsers.map((u) => [tenantKey(u.creditUnionId, u.loginId), u]),
      ),
      certificates: new Map(
        existing.certificates.map((c) => [
          tenantKey(c.creditUnionId, c.serialHex),
          c,
        ]),
      ),
      customersById: new Map(existing.customers.map((c) => [c.id, c])),
      ibUsersById: new Map(existing.ibUsers.map((u) => [u.id, u])),
    };
    for (const certificate of existing.certificates)
      this.certificatesOf(certificate.ibUserId).push(certificate);
  }

  plan(rows: readonly ImportRow[]): ImportPlan {
    const touchedPerLine = rows.map((row) => this.line(row));
    for (const ibUser of this.ibUsers.values())
      this.updateCurrentCertificate(ibUser);
    const inserts = <T>(map: Map<string, Tracked<T>>): T[] =>
      [...map.values()].filter((t) => t.created).map((t) => t.row);
    const updates = <T extends { id: string }>(
      map: Map<string, Tracked<T>>,
    ): RowChange<T>[] =>
      [...map.values()]
        .filter((t) => !t.created && Object.keys(t.changes).length > 0)
        .map((t) => ({ id: t.row.id, changes: t.changes }));
    return {
      errors: this.errors,
      inserts: {
        creditUnions: inserts(this.creditUnions),
        branches: inserts(this.branches),
        customers: inserts(this.customers),
        ibUsers: inserts(this.ibUsers),
        certificates: inserts(this.certificates),
      },
      updates: {
        customers: updates(this.customers),
        ibUsers: updates(this.ibUsers),
      },
      unchangedLines: touchedPerLine.filter(
        (tracked) => !tracked.some(isTouched),
      ).length,
    };
  }

  /** Plans one line; returns what it refers to (null where the line is in error). */
  private line(row: ImportRow): (Tracked<object> | null)[] {
    const creditUnion = this.creditUnion(row.creditUnionCode);
    const branch = this.branch(creditUnion.row, row.branchCode);
    const customer = this.customer(creditUnion.row, branch.row, row);
    const ibUser = this.ibUser(customer.row, row);
    const certificate =
      ibUser && row.certificate
        ? this.certificate(creditUnion.row, ibUser.row, row, row.certificate)
        : null;
    return [creditUnion, branch, customer, ibUser, certificate];
  }

  private track<T>(
    map: Map<string, Tracked<T>>,
    key: string,
    make: () => Tracked<T>,
  ): Tracked<T> {
    let tracked = map.get(key);
    if (!tracked) {
      tracked = make();
      map.set(key, tracked);
    }
    return tracked;
  }

  private stays<T>(row: T, changes: Partial<T> = {}): Tracked<T> {
    return { row, created: false, changes };
  }

  private creates<T>(row: T): Tracked<T> {
    return { row, created: true, changes: {} };
  }

  private creditUnion(code: string): Tracked<CreditUnion> {
    return this.track(this.creditUnions, code, () => {
      const stored = this.stored.creditUnions.get(code);
      if (stored) return this.stays(stored);
      // Placeholder name and help desk; the other settings are docs/domain.md's defaults.
      return this.creates<CreditUnion>({
        id: this.ctx.newId(),
        code,
        name: `信用金庫（${code}）`,
        mediaStorage: false,
        renewalWindowDays: 30,
        selfServiceDaysAfterExpiry: 90,
        certificateValidityYears: 1,
        reissueAuthorizationDays: 80,
        helpDeskPhone: '',
        helpDeskHours: '',
        createdAt: this.ctx.now,
      });
    });
  }

  private branch(creditUnion: CreditUnion, code: string): Tracked<Branch> {
    const key = tenantKey(creditUnion.id, code);
    return this.track(this.branches, key, () => {
      const stored = this.stored.branches.get(key);
      if (stored) return this.stays(stored);
      return this.creates<Branch>({
        id: this.ctx.newId(),
        creditUnionId: creditUnion.id,
        code,
        name: `${code}店`,
        createdAt: this.ctx.now,
      });
    });
  }

  private customer(
    creditUnion: CreditUnion,
    branch: Branch,
    row: ImportRow,
  ): Tracked<Customer> {
    const key = tenantKey(creditUnion.id, row.contractNumber);
    return this.track(this.customers, key, () => {
      const fields = {
        branchId: branch.id,
        companyName: row.companyName,
        companyNameKana: row.companyNameKana,
        searchKey: searchKeyForCustomer(row.companyName, row.companyNameKana),
        contactEmail: row.contactEmail,
      };
      const stored = this.stored.customers.get(key);
      if (stored) return this.stays(stored, diff(stored, fields));
      return this.creates<Customer>({
        id: this.ctx.newId(),
        creditUnionId: creditUnion.id,
        contractNumber: row.contractNumber,
        ...fields,
        contactPhone: null,
        createdAt: this.ctx.now,
        updatedAt: this.ctx.now,
      });
    });
  }

  private ibUser(customer: Customer, row: ImportRow): Tracked<IbUser> | null {
    const key = tenantKey(customer.creditUnionId, row.loginId);
    const stored = this.stored.ibUsers.get(key);
    if (stored && stored.customerId !== customer.id) {
      const other =
        this.stored.customersById.get(stored.customerId)?.contractNumber ??
        '不明';
      this.errors.push(
        lineError(
          row.line,
          `ib_login_id「${row.loginId}」は別のご契約先（契約者番号 ${other}）の利用者として登録済みです。ログインIDを確認してください`,
        ),
      );
      return null;
    }
    const fields = {
      ibRole: row.ibRole,
      name: row.ibUserName,
      email: row.ibUserEmail,
    };
    return this.track(this.ibUsers, key, () =>
      stored
        ? this.stays(stored, diff(stored, fields))
        : this.creates<IbUser>({
            id: this.ctx.newId(),
            creditUnionId: customer.creditUnionId,
            customerId: customer.id,
            loginId: row.loginId,
            ...fields,
            nameKana: null,
            ...FRESH_IB_USER,
            createdAt: this.ctx.now,
            updatedAt: this.ctx.now,
          }),
    );
  }

  private certificate(
    creditUnion: CreditUnion,
    ibUser: IbUser,
    row: ImportRow,
    given: ImportCertificate,
  ): Tracked<Certificate> | null {
    const key = tenantKey(creditUnion.id, given.serialHex);
    const stored = this.stored.certificates.get(key);
    if (stored) return this.storedCertificate(stored, ibUser, row.line, given);
    return this.track(this.certificates, key, () => {
      const created: Certificate = {
        id: this.ctx.newId(),
        creditUnionId: creditUnion.id,
        ibUserId: ibUser.id,
        serialHex: given.serialHex,
        subjectDn: `CN=${row.loginId},OU=${row.contractNumber},O=${creditUnion.name},C=JP`,
        notBefore: given.notBefore,
        notAfter: jstEndOfDay(given.expiryDate),
        expiryDate: given.expiryDate,
        ...PEMLESS_CERTIFICATE,
        issuedVia: 'imported',
        createdAt: this.ctx.now,
      };
      this.certificatesOf(ibUser.id).push(created);
      return this.creates(created);
    });
  }

  /** A stored certificate is never changed: it must belong to this IB user and match the file. */
  private storedCertificate(
    stored: Certificate,
    ibUser: IbUser,
    line: number,
    given: ImportCertificate,
  ): Tracked<Certificate> | null {
    const fail = (message: string): null => {
      this.errors.push(lineError(line, message));
      return null;
    };
    if (stored.ibUserId !== ibUser.id) {
      const owner =
        this.stored.ibUsersById.get(stored.ibUserId)?.loginId ?? '不明';
      return fail(
        `cert_serial（${given.serialHex}）は別の利用者（ログインID ${owner}）の証明書として登録済みです。シリアル番号を確認してください`,
      );
    }
    if (stored.expiryDate !== given.expiryDate) {
      return fail(
        `cert_expiry_date「${given.expiryDate}」が登録済みの証明書（シリアル番号 ${given.serialHex}）の有効期限日 ${stored.expiryDate} と違います。登録済みの証明書は変更できません`,
      );
    }
    if (given.notBeforeGiven && !same(stored.notBefore, given.notBefore)) {
      return fail(
        `cert_not_before が登録済みの証明書（シリアル番号 ${given.serialHex}）の開始日時 ${formatJstIsoDateTime(stored.notBefore)} と違います。登録済みの証明書は変更できません`,
      );
    }
    return this.stays(stored);
  }

  private certificatesOf(ibUserId: string): Certificate[] {
    let list = this.certificatesByIbUser.get(ibUserId);
    if (!list) {
      list = [];
      this.certificatesByIbUser.set(ibUserId, list);
    }
    return list;
  }

  /** Points the IB user at its current certificate; one with none unrevoked keeps what it has. */
  private updateCurrentCertificate(ibUser: Tracked<IbUser>): void {
    const current = currentOf(this.certificatesOf(ibUser.row.id));
    if (!current) return;
    const fields = {
      currentCertificateId: current.id,
      currentExpiryDate: current.expiryDate,
      currentRevoked: false,
    };
    if (ibUser.created) Object.assign(ibUser.row, fields);
    else Object.assign(ibUser.changes, diff(ibUser.row, fields));
  }
}
