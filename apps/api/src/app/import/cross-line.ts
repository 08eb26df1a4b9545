import type { ImportColumn } from './columns';
import { ImportError, lineError } from './import-report';
import type { ImportRow } from './import-row';

/** Key of something unique within a credit union (codes, login IDs and serials never contain '/'). */
export function tenantKey(creditUnionCode: string, value: string): string {
  return `${creditUnionCode}/${value}`;
}

/** The columns every line of one customer must repeat identically. */
const CUSTOMER_COLUMNS: readonly [
  ImportColumn,
  (row: ImportRow) => string | null,
][] = [
  ['branch_code', (row) => row.branchCode],
  ['company_name', (row) => row.companyName],
  ['company_name_kana', (row) => row.companyNameKana],
  ['contact_email', (row) => row.contactEmail],
];

const shown = (value: string | null): string =>
  value === null ? '（空欄）' : `「${value}」`;

function customerMismatches(first: ImportRow, row: ImportRow): ImportError[] {
  return CUSTOMER_COLUMNS.filter(
    ([, value]) => value(row) !== value(first),
  ).map(([column, value]) =>
    lineError(
      row.line,
      `${column}${shown(value(row))}が、同じご契約先（契約者番号 ${row.contractNumber}）の${first.line}行目の` +
        `${shown(value(first))}と違います。同じご契約先の行はすべて同じ値にしてください`,
    ),
  );
}

/** Remembers the first line of each key; returns that line for a key seen before, else null. */
function firstLineOf(
  seen: Map<string, number>,
  key: string,
  line: number,
): number | null {
  const first = seen.get(key);
  if (first !== undefined) return first;
  seen.set(key, line);
  return null;
}

/**
 * Checks between lines: the lines of one customer (credit union + contract number) agree on its
 * columns; a login ID and a certificate serial occur once per credit union.
 */
export function checkAcrossLines(rows: readonly ImportRow[]): ImportError[] {
  const errors: ImportError[] = [];
  const customers = new Map<string, ImportRow>();
  const logins = new Map<string, number>();
  const serials = new Map<string, number>();
  for (const row of rows) {
    const customerKey = tenantKey(row.creditUnionCode, row.contractNumber);
    const first = customers.get(customerKey);
    if (first) errors.push(...customerMismatches(first, row));
    else customers.set(customerKey, row);

    const loginLine = firstLineOf(
      logins,
      tenantKey(row.creditUnionCode, row.loginId),
      row.line,
    );
    if (loginLine !== null) {
      errors.push(
        lineError(
          row.line,
          `ib_login_id「${row.loginId}」は${loginLine}行目と重複しています。ログインIDは信用金庫ごとに1行だけにしてください`,
        ),
      );
    }
    const serial = row.certificate?.serialHex;
    const serialLine =
      serial === undefined
        ? null
        : firstLineOf(
            serials,
            tenantKey(row.creditUnionCode, serial),
            row.line,
          );
    if (serialLine !== null) {
      errors.push(
        lineError(
          row.line,
          `cert_serial（${serial}）は${serialLine}行目の証明書と同じシリアル番号です。シリアル番号を確認してください`,
        ),
      );
    }
  }
  return errors;
}
