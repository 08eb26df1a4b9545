/** The header of an import file: exactly these columns, in this order. */
export const IMPORT_COLUMNS = [
  'credit_union_code',
  'branch_code',
  'contract_number',
  'company_name',
  'company_name_kana',
  'contact_email',
  'ib_login_id',
  'ib_role',
  'ib_user_name',
  'ib_user_email',
  'cert_serial',
  'cert_not_before',
  'cert_expiry_date',
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** What is wrong with the header row (Japanese, without the line prefix), or null when it is right. */
export function checkHeader(cells: readonly string[]): string | null {
  const names = cells.map((c) => c.trim());
  if (
    names.length === IMPORT_COLUMNS.length &&
    names.every((n, i) => n === IMPORT_COLUMNS[i])
  )
    return null;
  const expected = new Set<string>(IMPORT_COLUMNS);
  const missing = IMPORT_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names
    .filter((n) => !expected.has(n))
    .map((n) => (n === '' ? '（空欄）' : n));
  const duplicated = [
    ...new Set(names.filter((n, i) => n !== '' && names.indexOf(n) !== i)),
  ];
  const problems = [
    missing.length > 0 ? `不足している列: ${missing.join(', ')}` : '',
    unknown.length > 0 ? `不明な列: ${unknown.join(', ')}` : '',
    duplicated.length > 0 ? `重複している列: ${duplicated.join(', ')}` : '',
  ].filter((p) => p !== '');
  const found =
    problems.length > 0 ? problems.join('。') : '列の順番が違います';
  return `見出し行が正しくありません（${found}）。見出し行は次の${IMPORT_COLUMNS.length}列をこの順番で並べてください: ${IMPORT_COLUMNS.join(',')}`;
}
