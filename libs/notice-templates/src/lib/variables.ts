import {
  addDays,
  daysBetween,
  IB_ROLE_LABELS,
  IbRole,
  renewalWindowStart,
  selfServiceDeadline,
} from '@certdesk/domain';
import { NOTICE_KINDS, NoticeKind } from './kinds';

export type NoticeVariableType = 'text' | 'date' | 'number' | 'link';

/** One entry of the variable catalogue shown to managers next to the editor. */
export interface NoticeVariable {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly type: NoticeVariableType;
  /** Written as it would appear, e.g. `{{ expiryDate | jdate }}` → 2026年12月25日(金). */
  readonly example: string;
  readonly kinds: readonly NoticeKind[];
}

/** Values handed to a template: strings (dates as `YYYY-MM-DD`) and numbers. */
export type NoticeContext = Record<string, string | number>;

const ALL = NOTICE_KINDS;
const CERTIFICATE: readonly NoticeKind[] = [
  'renewal_reminder',
  'important_notice_renewal',
  'locked_out',
  'last_chance',
];
const RENEWAL: readonly NoticeKind[] = [
  'renewal_reminder',
  'important_notice_renewal',
];
const POST_EXPIRY: readonly NoticeKind[] = ['locked_out', 'last_chance'];

const v = (
  name: string,
  label: string,
  type: NoticeVariableType,
  example: string,
  kinds: readonly NoticeKind[],
  description: string,
): NoticeVariable =>
  Object.freeze({ name, label, type, example, kinds, description });

/** Every variable a template may use; each kind sees only its own (others are refused on save). */
export const NOTICE_VARIABLES: readonly NoticeVariable[] = Object.freeze([
  v(
    'creditUnionName',
    '信用金庫名',
    'text',
    'さくら信用金庫',
    ALL,
    '当金庫の名称',
  ),
  v(
    'helpDeskPhone',
    'ヘルプデスク電話番号',
    'text',
    '0120-100-1234',
    ALL,
    'お問い合わせ先の電話番号',
  ),
  v(
    'helpDeskHours',
    'ヘルプデスク受付時間',
    'text',
    '平日 9:00〜17:00',
    ALL,
    'お問い合わせ先の受付時間',
  ),
  v(
    'companyName',
    'ご契約先名',
    'text',
    '株式会社さくら精機',
    ALL,
    'ご契約先（法人）の名称',
  ),
  v(
    'userName',
    'IB利用者名',
    'text',
    '山田 太郎',
    ALL,
    '電子証明書を持つ管理者・利用者の氏名',
  ),
  v(
    'ibRoleLabel',
    '管理者／利用者',
    'text',
    '管理者',
    ALL,
    '「管理者」または「利用者」',
  ),
  v(
    'ibRole',
    '権限（判定用）',
    'text',
    'administrator',
    ALL,
    '`administrator` または `user`。{% if ibRole == "administrator" %} のように書き分けに使います',
  ),
  v(
    'today',
    '通知日',
    'date',
    '2026年12月1日(火)',
    ALL,
    '通知を作成した日（jdate / wareki で表示）',
  ),
  v(
    'expiryDate',
    '有効期限日',
    'date',
    '2026年12月25日(金)',
    CERTIFICATE,
    '電子証明書の有効期限日（jdate / wareki で表示）',
  ),
  v(
    'renewalWindowDays',
    '更新できる日数',
    'number',
    '30',
    CERTIFICATE,
    '有効期限の何日前から更新できるか',
  ),
  v(
    'renewalStartDate',
    '更新開始日',
    'date',
    '2026年11月25日(水)',
    CERTIFICATE,
    '更新できるようになる日（有効期限の更新日数前）',
  ),
  v(
    'selfServiceDeadline',
    '再取得期限',
    'date',
    '2027年3月25日(木)',
    CERTIFICATE,
    'ログオン画面の「電子証明書取得」から取得できる最終日',
  ),
  v(
    'selfServiceDays',
    '再取得できる日数',
    'number',
    '90',
    CERTIFICATE,
    '有効期限日から何日後まで再取得できるか',
  ),
  v(
    'daysLeft',
    '有効期限までの日数',
    'number',
    '10',
    RENEWAL,
    '有効期限日まであと何日か（当日は 0）',
  ),
  v(
    'renewalButtonLabel',
    '更新ボタン名',
    'text',
    '更新',
    RENEWAL,
    '更新画面のボタン名（電子証明書媒体保管の信用金庫では「パソコンに保存する」）',
  ),
  v(
    'daysSinceExpiry',
    '有効期限からの経過日数',
    'number',
    '1',
    POST_EXPIRY,
    '有効期限日から何日過ぎたか',
  ),
  v(
    'daysUntilSelfServiceDeadline',
    '再取得期限までの日数',
    'number',
    '89',
    POST_EXPIRY,
    '再取得期限まであと何日か（当日は 0）',
  ),
  v(
    'acquisitionDeadline',
    '取得期限',
    'date',
    '2027年2月19日(金)',
    ['reissue_ready'],
    '再発行後、ログオン画面の「電子証明書取得」から取得できる最終日',
  ),
  v(
    'renewalLink',
    '更新リンク',
    'link',
    '電子証明書の更新はこちら',
    ['important_notice_renewal'],
    '「電子証明書の更新はこちら」のリンク（重要なお知らせのみ）',
  ),
]);

export function variablesFor(kind: NoticeKind): readonly NoticeVariable[] {
  return NOTICE_VARIABLES.filter((variable) => variable.kinds.includes(kind));
}

/** The facts a notice is written from (loaded from the database, or {@link sampleFacts}). */
export interface NoticeFacts {
  creditUnion: {
    name: string;
    helpDeskPhone: string;
    helpDeskHours: string;
    mediaStorage: boolean;
    renewalWindowDays: number;
    selfServiceDaysAfterExpiry: number;
  };
  companyName: string;
  userName: string;
  ibRole: IbRole;
  /** The current certificate's JST expiry date (kinds about a certificate). */
  expiryDate: string | null;
  /** `reissue_ready`: the last day the customer may acquire. */
  acquisitionDeadline?: string | null;
  /** JST business date of the notice. */
  today: string;
}

/** The context of one notice: exactly the variables its kind may use. */
export function noticeContext(
  kind: NoticeKind,
  facts: NoticeFacts,
): NoticeContext {
  const cu = facts.creditUnion;
  const policy = {
    renewalWindowDays: cu.renewalWindowDays,
    selfServiceDaysAfterExpiry: cu.selfServiceDaysAfterExpiry,
  };
  const all: NoticeContext = {
    creditUnionName: cu.name,
    helpDeskPhone: cu.helpDeskPhone,
    helpDeskHours: cu.helpDeskHours,
    companyName: facts.companyName,
    userName: facts.userName,
    ibRoleLabel: IB_ROLE_LABELS[facts.ibRole],
    ibRole: facts.ibRole,
    today: facts.today,
    renewalWindowDays: cu.renewalWindowDays,
    selfServiceDays: cu.selfServiceDaysAfterExpiry,
    renewalButtonLabel: cu.mediaStorage ? 'パソコンに保存する' : '更新',
    renewalLink: '電子証明書の更新はこちら',
  };
  if (facts.expiryDate) {
    const deadline = selfServiceDeadline(facts.expiryDate, policy);
    const daysLeft = daysBetween(facts.today, facts.expiryDate);
    Object.assign(all, {
      expiryDate: facts.expiryDate,
      renewalStartDate: renewalWindowStart(facts.expiryDate, policy),
      selfServiceDeadline: deadline,
      daysLeft,
      daysSinceExpiry: -daysLeft,
      daysUntilSelfServiceDeadline: daysBetween(facts.today, deadline),
    });
  }
  if (facts.acquisitionDeadline)
    all['acquisitionDeadline'] = facts.acquisitionDeadline;
  const context: NoticeContext = {};
  for (const { name } of variablesFor(kind)) {
    if (all[name] !== undefined) context[name] = all[name];
  }
  return context;
}

/** Made-up facts for a preview without a real IB user: a typical case of each kind on `today`. */
export function sampleFacts(
  kind: NoticeKind,
  today: string,
  creditUnion: NoticeFacts['creditUnion'],
): NoticeFacts {
  const expiryOffset: Record<NoticeKind, number> = {
    renewal_reminder: 10,
    important_notice_renewal: 10,
    locked_out: -1,
    last_chance: -(creditUnion.selfServiceDaysAfterExpiry - 10),
    reissue_ready: 0,
  };
  return {
    creditUnion,
    companyName: '株式会社さくら精機',
    userName: '山田 太郎',
    ibRole: 'administrator',
    expiryDate:
      kind === 'reissue_ready' ? null : addDays(today, expiryOffset[kind]),
    acquisitionDeadline: kind === 'reissue_ready' ? addDays(today, 80) : null,
    today,
  };
}

/** Sample values for the validation render, when no credit union is at hand. */
export const SAMPLE_CREDIT_UNION: NoticeFacts['creditUnion'] = Object.freeze({
  name: 'さくら信用金庫',
  helpDeskPhone: '0120-100-1234',
  helpDeskHours: '平日 9:00〜17:00（土日祝日・12月31日〜1月3日を除く）',
  mediaStorage: false,
  renewalWindowDays: 30,
  selfServiceDaysAfterExpiry: 90,
});
