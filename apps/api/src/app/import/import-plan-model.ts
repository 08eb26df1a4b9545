import type { Certificate } from '../certificates/certificate.entity';
import type { Branch } from '../credit-unions/branch.entity';
import type { CreditUnion } from '../credit-unions/credit-union.entity';
import type { Customer } from '../customers/customer.entity';
import type { IbUser } from '../customers/ib-user.entity';
import type { ImportError } from './import-report';

/** What an import plan reads and decides (see `planImport`), and the row helpers it decides with. */

/** The stored rows an import touches or checks against (see `loadExistingState`). */
export interface ExistingState {
  creditUnions: CreditUnion[];
  branches: Branch[];
  customers: Customer[];
  ibUsers: IbUser[];
  /** Those with a serial of the file, and every certificate of the IB users in `ibUsers`. */
  certificates: Certificate[];
}

export interface RowChange<T> {
  id: string;
  changes: Partial<T>;
}

export interface ImportPlan {
  errors: ImportError[];
  inserts: {
    creditUnions: CreditUnion[];
    branches: Branch[];
    customers: Customer[];
    ibUsers: IbUser[];
    certificates: Certificate[];
  };
  updates: { customers: RowChange<Customer>[]; ibUsers: RowChange<IbUser>[] };
  unchangedLines: number;
}

export interface PlanContext {
  now: Date;
  newId: () => string;
}

/** A row the plan refers to: a new one (written whole) or a stored one with the fields to change. */
export interface Tracked<T> {
  row: T;
  created: boolean;
  changes: Partial<T>;
}

export const same = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date
    ? a.getTime() === b.getTime()
    : a === b;

/** The fields of `desired` whose value differs from `current`. */
export function diff<T extends object>(
  current: T,
  desired: Partial<T>,
): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(desired) as (keyof T)[]) {
    if (!same(current[key], desired[key])) changes[key] = desired[key];
  }
  return changes;
}

export const isTouched = (t: Tracked<object> | null): boolean =>
  t !== null && (t.created || Object.keys(t.changes).length > 0);

/** The current certificate: the unrevoked one with the latest expiry (then notBefore, then serial). */
export function currentOf(
  certificates: readonly Certificate[],
): Certificate | null {
  const order = (a: Certificate, b: Certificate): number =>
    a.expiryDate.localeCompare(b.expiryDate) ||
    a.notBefore.getTime() - b.notBefore.getTime() ||
    a.serialHex.localeCompare(b.serialHex);
  return (
    certificates
      .filter((c) => c.revokedAt === null)
      .sort(order)
      .at(-1) ?? null
  );
}
