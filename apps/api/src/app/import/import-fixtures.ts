import { IMPORT_COLUMNS, ImportColumn } from './columns';

/** Test data for the import (no test framework here: spec files and e2e specs share it). */
export type CsvLine = Record<ImportColumn, string>;

export const HEADER = IMPORT_COLUMNS.join(',');

/** A valid line: an administrator of a customer of credit union 1901 with one certificate. */
export function csvLine(overrides: Partial<CsvLine> = {}): CsvLine {
  return {
    credit_union_code: '1901',
    branch_code: '001',
    contract_number: '0000200001',
    company_name: '株式会社テスト商事',
    company_name_kana: 'ｶ)ﾃｽﾄｼﾖｳｼﾞ',
    contact_email: 'keiri@test-shoji.example.jp',
    ib_login_id: 'test-admin',
    ib_role: 'administrator',
    ib_user_name: '山田 太郎',
    ib_user_email: 'taro@test-shoji.example.jp',
    cert_serial: '0123abcd',
    cert_not_before: '',
    cert_expiry_date: '2027-06-30',
    ...overrides,
  };
}

/** RFC 4180 quoting where needed. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Header plus lines, each ended by `eol`. */
export function csvText(lines: readonly CsvLine[], eol = '\n'): string {
  const rows = lines.map((l) =>
    IMPORT_COLUMNS.map((c) => csvField(l[c])).join(','),
  );
  return [HEADER, ...rows].map((r) => r + eol).join('');
}
