import {
  IB_LOGIN_ID_FORMAT,
  IsoDate,
  isIsoDate,
  jstEndOfDay,
  IB_ROLES,
  IbRole,
} from '@certdesk/domain';
import { isEmail } from 'class-validator';
import {
  defaultNotBefore,
  excelDateHint,
  normalizeSerial,
  parseNotBefore,
} from './cert-fields';
import { IMPORT_COLUMNS, ImportColumn } from './columns';
import { ImportError, lineError } from './import-report';

/** A certificate as given on one line. */
export interface ImportCertificate {
  serialHex: string;
  notBefore: Date;
  /** False when cert_not_before was empty and `notBefore` is the default (expiry − 1 year). */
  notBeforeGiven: boolean;
  expiryDate: IsoDate;
}

/** One valid data line: one IB user, with its customer and (maybe) its certificate. */
export interface ImportRow {
  line: number;
  creditUnionCode: string;
  branchCode: string;
  contractNumber: string;
  companyName: string;
  companyNameKana: string;
  contactEmail: string | null;
  loginId: string;
  ibRole: IbRole;
  ibUserName: string;
  ibUserEmail: string | null;
  certificate: ImportCertificate | null;
}

export type ParsedRow =
  { ok: true; row: ImportRow } | { ok: false; errors: ImportError[] };

/** Column lengths of the entities (Customer, IbUser). */
const MAX_COMPANY_NAME = 200;
const MAX_USER_NAME = 100;
const MAX_EMAIL = 254;

/** Reads the fields of one line, trimmed, collecting a Japanese reason for each bad value. */
class FieldReader {
  readonly problems: string[] = [];
  constructor(private readonly fields: readonly string[]) {}

  get(column: ImportColumn): string {
    return (this.fields[IMPORT_COLUMNS.indexOf(column)] ?? '').trim();
  }

  fail(message: string): null {
    this.problems.push(message);
    return null;
  }

  /** A required value matching `pattern`; `rule` completes 「…で指定してください」. */
  matching(column: ImportColumn, pattern: RegExp, rule: string): string {
    const value = this.get(column);
    if (value === '')
      this.fail(`${column} が空です。${rule}で入力してください`);
    else if (!pattern.test(value))
      this.fail(`${column}「${value}」は${rule}で指定してください`);
    return value;
  }

  text(column: ImportColumn, label: string, max: number): string {
    const value = this.get(column);
    const length = [...value].length;
    if (value === '')
      this.fail(`${column} が空です。${label}を入力してください`);
    else if (length > max)
      this.fail(
        `${column} は${max}文字以内にしてください（${length}文字あります）`,
      );
    return value;
  }

  email(column: ImportColumn): string | null {
    const value = this.get(column);
    if (value === '') return null;
    if (value.length > MAX_EMAIL || !isEmail(value)) {
      return this.fail(
        `${column}「${value}」はメールアドレスの形になっていません。正しいアドレスを入力するか空欄にしてください`,
      );
    }
    return value;
  }

  role(): IbRole | null {
    const value = this.matching(
      'ib_role',
      /^(administrator|user)$/,
      '「administrator」（管理者）または「user」（利用者）',
    );
    return IB_ROLES.find((role) => role === value) ?? null;
  }

  certificate(): ImportCertificate | null {
    const serialText = this.get('cert_serial');
    const notBeforeText = this.get('cert_not_before');
    const expiryText = this.get('cert_expiry_date');
    if (serialText === '' && notBeforeText === '' && expiryText === '')
      return null;
    const noCertificate =
      '（証明書がまだない利用者は cert_ で始まる3列をすべて空欄にします）';
    if (serialText === '')
      this.fail(
        `cert_serial が空です。証明書のシリアル番号を入力してください${noCertificate}`,
      );
    if (expiryText === '')
      this.fail(
        `cert_expiry_date が空です。証明書の有効期限日（YYYY-MM-DD）を入力してください${noCertificate}`,
      );
    const serialHex = serialText === '' ? null : normalizeSerial(serialText);
    if (serialText !== '' && serialHex === null) {
      this.fail(
        `cert_serial「${serialText}」は16進数（0〜9, A〜F。コロン区切り可）1〜40桁の、0でない値で指定してください`,
      );
    }
    const expiryDate =
      expiryText === '' || isIsoDate(expiryText) ? expiryText : null;
    if (expiryDate === null) {
      this.fail(
        `cert_expiry_date「${expiryText}」は実在する日付（YYYY-MM-DD）で指定してください${excelDateHint(expiryText)}`,
      );
    }
    const notBefore =
      notBeforeText === '' ? null : parseNotBefore(notBeforeText);
    if (notBeforeText !== '' && notBefore === null) {
      this.fail(
        `cert_not_before「${notBeforeText}」は実在する日付（YYYY-MM-DD）か、タイムゾーン付きの日時` +
          `（例 2025-04-01T09:00:00+09:00）で指定するか、空欄にしてください${excelDateHint(notBeforeText)}`,
      );
    }
    if (!serialHex || !expiryDate || (notBeforeText !== '' && !notBefore))
      return null;
    const start = notBefore ?? defaultNotBefore(expiryDate);
    if (start.getTime() >= jstEndOfDay(expiryDate).getTime()) {
      return this.fail(
        `cert_not_before「${notBeforeText}」は cert_expiry_date「${expiryDate}」より前にしてください`,
      );
    }
    return {
      serialHex,
      notBefore: start,
      notBeforeGiven: notBefore !== null,
      expiryDate,
    };
  }
}

/** Validates one data line on its own (cross-line and database checks come later). */
export function parseImportRow(
  line: number,
  fields: readonly string[],
): ParsedRow {
  if (fields.length !== IMPORT_COLUMNS.length) {
    const message = `列の数が${fields.length}個です。見出し行と同じ${IMPORT_COLUMNS.length}列にしてください（値にコンマを含むときは値全体を " で囲みます）`;
    return { ok: false, errors: [lineError(line, message)] };
  }
  const r = new FieldReader(fields);
  const values = {
    line,
    creditUnionCode: r.matching(
      'credit_union_code',
      /^\d{4}$/,
      '4桁の数字（金融機関コード。先頭の0も含めます）',
    ),
    branchCode: r.matching(
      'branch_code',
      /^\d{3}$/,
      '3桁の数字（店番。先頭の0も含めます）',
    ),
    contractNumber: r.matching(
      'contract_number',
      /^\d{1,20}$/,
      '1〜20桁の数字（契約者番号）',
    ),
    companyName: r.text('company_name', '会社名', MAX_COMPANY_NAME),
    companyNameKana: r.text(
      'company_name_kana',
      '会社名のカナ',
      MAX_COMPANY_NAME,
    ),
    contactEmail: r.email('contact_email'),
    loginId: r.matching(
      'ib_login_id',
      IB_LOGIN_ID_FORMAT,
      '半角英数字と . _ - の1〜32文字（ログインID）',
    ),
    ibRole: r.role(),
    ibUserName: r.text('ib_user_name', '利用者名', MAX_USER_NAME),
    ibUserEmail: r.email('ib_user_email'),
    certificate: r.certificate(),
  };
  const { ibRole } = values;
  if (r.problems.length > 0 || ibRole === null)
    return { ok: false, errors: r.problems.map((p) => lineError(line, p)) };
  return { ok: true, row: { ...values, ibRole } };
}
