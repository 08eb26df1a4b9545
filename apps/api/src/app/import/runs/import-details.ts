import type {
  ImportChangeSample,
  ImportFieldChange,
  ImportRemovalSample,
  ImportRunSummary,
} from '@certdesk/contracts';
import type { Customer } from '../../customers/customer.entity';
import type { IbUser } from '../../customers/ib-user.entity';
import { tenantKey } from '../cross-line';
import type { ExistingState, ImportPlan } from '../import-plan';
import type {
  CreditUnionRemovals,
  ImportRemovalsReport,
} from '../import-removals';
import type { ImportRow } from '../import-row';

/** Changed rows shown field by field in the check (the counts cover all of them). */
export const CHANGE_SAMPLE_SIZE = 50;
/** Removed rows listed by name in the check. */
export const REMOVAL_SAMPLE_SIZE = 200;

export interface ImportDetails {
  summary: ImportRunSummary;
  changes: ImportChangeSample[];
  removals: ImportRemovalSample[];
}

/** Customer fields staff recognise, with their labels (internal ones such as search keys are left out). */
const CUSTOMER_FIELDS: Partial<Record<keyof Customer, string>> = {
  companyName: '会社名',
  companyNameKana: '会社名カナ',
  contactEmail: '連絡先メールアドレス',
  branchId: '取扱店',
};
const IB_USER_FIELDS: Partial<Record<keyof IbUser, string>> = {
  name: '利用者名',
  email: 'メールアドレス',
  ibRole: '権限',
  currentExpiryDate: '現在の証明書の有効期限',
};
const ROLE_LABELS: Record<string, string> = {
  administrator: '管理者',
  user: '利用者',
};

const count = (keys: Iterable<string>): number => new Set(keys).size;

/**
 * Describes a plan for people: new / changed / unchanged / removed customers, IB users and
 * certificates of the file's `rows`, and a sample of the changes field by field (old → new).
 */
export function describePlan(
  rows: readonly ImportRow[],
  plan: ImportPlan,
  existing: ExistingState,
): ImportDetails {
  const inFile = {
    customers: count(
      rows.map((r) => tenantKey(r.creditUnionCode, r.contractNumber)),
    ),
    ibUsers: count(rows.map((r) => tenantKey(r.creditUnionCode, r.loginId))),
    certificates: count(
      rows.flatMap((r) =>
        r.certificate
          ? [tenantKey(r.creditUnionCode, r.certificate.serialHex)]
          : [],
      ),
    ),
  };
  const kind = (
    total: number,
    created: number,
    changed: number,
    removed: number,
  ) => ({
    created,
    changed,
    unchanged: Math.max(0, total - created - changed),
    removed,
  });
  const summary: ImportRunSummary = {
    customers: kind(
      inFile.customers,
      plan.inserts.customers.length,
      plan.updates.customers.length,
      0,
    ),
    ibUsers: kind(
      inFile.ibUsers,
      plan.inserts.ibUsers.length,
      plan.updates.ibUsers.length,
      0,
    ),
    certificates: kind(
      inFile.certificates,
      plan.inserts.certificates.length,
      0,
      0,
    ),
    branches: plan.inserts.branches.length,
    unchangedLines: plan.unchangedLines,
    removals: null,
  };
  return { summary, changes: changeSamples(plan, existing), removals: [] };
}

/**
 * Adds a full file's removals (the importer's report: who is absent, closed / removed or held for
 * approval above the threshold) to the details.
 */
export function withRemovals(
  details: ImportDetails,
  report: ImportRemovalsReport | undefined,
): ImportDetails {
  if (!report) return details;
  const all = report.creditUnions;
  const sum = (pick: (r: CreditUnionRemovals) => number) =>
    all.reduce((n, r) => n + pick(r), 0);
  const held = all.find((r) => r.outcome === 'held');
  const removals: ImportRemovalSample[] = [
    ...all.flatMap((r) =>
      r.customers.map((c) => ({
        kind: 'customer' as const,
        key: c.contractNumber,
        name: c.companyName,
      })),
    ),
    ...all.flatMap((r) =>
      r.ibUsers.map((u) => ({
        kind: 'ibUser' as const,
        key: u.loginId,
        name: `${u.name}（契約者番号 ${u.contractNumber}）`,
      })),
    ),
  ].slice(0, REMOVAL_SAMPLE_SIZE);
  return {
    ...details,
    summary: {
      ...details.summary,
      customers: {
        ...details.summary.customers,
        removed: sum((r) => r.closedCustomers),
      },
      ibUsers: {
        ...details.summary.ibUsers,
        removed: sum((r) => r.removedIbUsers),
      },
      removals: {
        needsApproval: all.some((r) => r.needsApproval),
        thresholdPercent: all[0]?.thresholdPercent ?? null,
        outcome: held ? 'held' : all.some((r) => r.outcome) ? 'applied' : null,
        removalRequestId: held?.removalRequestId ?? null,
      },
    },
    removals,
  };
}

function changeSamples(
  plan: ImportPlan,
  existing: ExistingState,
): ImportChangeSample[] {
  const branchCode = new Map(
    [...existing.branches, ...plan.inserts.branches].map((b) => [
      b.id,
      `${b.code} ${b.name}`,
    ]),
  );
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '')
      return '（なし）';
    if (field === 'branchId') return branchCode.get(String(value)) ?? '不明';
    if (field === 'ibRole') return ROLE_LABELS[String(value)] ?? String(value);
    return String(value);
  };
  const fields = <T extends object>(
    labels: Partial<Record<keyof T, string>>,
    stored: T,
    changes: Partial<T>,
  ): ImportFieldChange[] =>
    (Object.keys(changes) as (keyof T & string)[])
      .filter((key) => labels[key] !== undefined)
      .map((key) => ({
        field: labels[key] as string,
        before: show(key, stored[key]),
        after: show(key, changes[key]),
      }));
  const customers = new Map(existing.customers.map((c) => [c.id, c]));
  const ibUsers = new Map(existing.ibUsers.map((u) => [u.id, u]));
  const samples: ImportChangeSample[] = [];
  /** Samples of `updates` that change a labelled field, until `samples` holds `limit`. */
  const sample = <T extends object>(
    updates: { id: string; changes: Partial<T> }[],
    byId: Map<string, T>,
    labels: Partial<Record<keyof T, string>>,
    limit: number,
    head: (stored: T) => Omit<ImportChangeSample, 'fields'>,
  ) => {
    for (const { id, changes } of updates) {
      if (samples.length >= limit) break;
      const stored = byId.get(id);
      if (!stored) continue;
      const changed = fields(labels, stored, changes);
      if (changed.length > 0)
        samples.push({ ...head(stored), fields: changed });
    }
  };
  sample(
    plan.updates.customers,
    customers,
    CUSTOMER_FIELDS,
    CHANGE_SAMPLE_SIZE / 2,
    (c) => ({ kind: 'customer', key: c.contractNumber, name: c.companyName }),
  );
  sample(
    plan.updates.ibUsers,
    ibUsers,
    IB_USER_FIELDS,
    CHANGE_SAMPLE_SIZE,
    (u) => ({ kind: 'ibUser', key: u.loginId, name: u.name }),
  );
  return samples;
}

/** The same new / changed / unchanged rows (removals aside: they are planned after). */
export function sameChanges(a: ImportRunSummary, b: ImportRunSummary): boolean {
  const rows = (s: ImportRunSummary) =>
    JSON.stringify([
      [s.customers.created, s.customers.changed, s.customers.unchanged],
      [s.ibUsers.created, s.ibUsers.changed, s.ibUsers.unchanged],
      [s.certificates.created, s.certificates.unchanged],
      s.branches,
      s.unchangedLines,
    ]);
  return rows(a) === rows(b);
}
