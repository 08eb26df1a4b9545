import { IMPORT_COLUMNS } from './columns';
import { CsvLine, csvLine } from './import-fixtures';
import { parseImportRow } from './import-row';

const parse = (overrides: Partial<CsvLine>, line = 5) =>
  parseImportRow(
    line,
    IMPORT_COLUMNS.map((c) => csvLine(overrides)[c]),
  );
const messages = (overrides: Partial<CsvLine>): string[] => {
  const parsed = parse(overrides);
  return parsed.ok ? [] : parsed.errors.map((e) => e.message);
};

describe('parseImportRow', () => {
  it('reads a valid line, trimming values and normalizing the serial', () => {
    const parsed = parse({
      company_name: ' 株式会社テスト商事　',
      cert_serial: '00:01:23:AB:CD',
      contact_email: '',
    });
    expect(parsed).toEqual({
      ok: true,
      row: {
        line: 5,
        creditUnionCode: '1901',
        branchCode: '001',
        contractNumber: '0000200001',
        companyName: '株式会社テスト商事',
        companyNameKana: 'ｶ)ﾃｽﾄｼﾖｳｼﾞ',
        contactEmail: null,
        loginId: 'test-admin',
        ibRole: 'administrator',
        ibUserName: '山田 太郎',
        ibUserEmail: 'taro@test-shoji.example.jp',
        certificate: {
          serialHex: '0123abcd',
          expiryDate: '2027-06-30',
          notBefore: new Date('2026-06-29T15:00:00Z'),
          notBeforeGiven: false,
        },
      },
    });
  });

  it('reads a line without a certificate', () => {
    const parsed = parse({
      cert_serial: '',
      cert_not_before: '',
      cert_expiry_date: '',
    });
    expect(parsed.ok && parsed.row.certificate).toBeNull();
  });

  it('keeps a given cert_not_before', () => {
    const parsed = parse({ cert_not_before: '2026-07-01T10:00:00+09:00' });
    expect(parsed.ok && parsed.row.certificate).toMatchObject({
      notBefore: new Date('2026-07-01T01:00:00Z'),
      notBeforeGiven: true,
    });
  });

  it('names the line, the column and the value, and says what to write', () => {
    expect(messages({ cert_expiry_date: '2026-02-30' })).toEqual([
      '5行目: cert_expiry_date「2026-02-30」は実在する日付（YYYY-MM-DD）で指定してください',
    ]);
  });

  it.each<[Partial<CsvLine>, string]>([
    [{ credit_union_code: '190' }, 'credit_union_code「190」は4桁の数字'],
    [
      { branch_code: '1' },
      'branch_code「1」は3桁の数字（店番。先頭の0も含めます）',
    ],
    [{ contract_number: '12-34' }, 'contract_number「12-34」は1〜20桁の数字'],
    [{ contract_number: '1'.repeat(21) }, 'contract_number'],
    [{ company_name: '' }, 'company_name が空です。会社名を入力してください'],
    [
      { company_name: 'あ'.repeat(201) },
      'company_name は200文字以内にしてください（201文字あります）',
    ],
    [{ company_name_kana: '' }, 'company_name_kana が空です'],
    [
      { contact_email: 'keiri@' },
      'contact_email「keiri@」はメールアドレスの形になっていません',
    ],
    [
      { ib_login_id: 'ユーザー' },
      'ib_login_id「ユーザー」は半角英数字と . _ - の1〜32文字',
    ],
    [{ ib_login_id: 'a'.repeat(33) }, 'ib_login_id'],
    [
      { ib_role: 'admin' },
      'ib_role「admin」は「administrator」（管理者）または「user」（利用者）で指定してください',
    ],
    [{ ib_user_name: '' }, 'ib_user_name が空です。利用者名を入力してください'],
    [{ ib_user_name: 'あ'.repeat(101) }, 'ib_user_name は100文字以内'],
    [{ ib_user_email: 'a b@example.jp' }, 'ib_user_email「a b@example.jp」'],
    [{ cert_serial: '' }, 'cert_serial が空です'],
    [{ cert_serial: 'XYZ' }, 'cert_serial「XYZ」は16進数'],
    [
      { cert_serial: '', cert_expiry_date: '', cert_not_before: '2026-01-01' },
      'cert_expiry_date が空です',
    ],
    [{ cert_expiry_date: '2026/3/31' }, 'Excelで保存すると'],
    [
      { cert_not_before: '2026-13-01' },
      'cert_not_before「2026-13-01」は実在する日付',
    ],
    [
      { cert_not_before: '2027-06-30T23:59:59+09:00' },
      'cert_not_before「2027-06-30T23:59:59+09:00」は cert_expiry_date「2027-06-30」より前にしてください',
    ],
  ])('refuses %j', (overrides, expected) => {
    expect(messages(overrides).join('\n')).toContain(expected);
  });

  it('accepts a cert_not_before up to just before the end of the expiry date', () => {
    expect(parse({ cert_not_before: '2027-06-30T23:59:58+09:00' }).ok).toBe(
      true,
    );
  });

  it('reports every bad value of a line, in column order', () => {
    expect(
      messages({ branch_code: 'x', ib_role: 'y', cert_serial: 'z' }).map(
        (m) => m.split('「')[0],
      ),
    ).toEqual(['5行目: branch_code', '5行目: ib_role', '5行目: cert_serial']);
  });

  it('refuses a line with another number of columns', () => {
    expect(parseImportRow(3, ['1901', '001'])).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          message: expect.stringContaining(
            '3行目: 列の数が2個です。見出し行と同じ13列にしてください',
          ),
        },
      ],
    });
  });
});
