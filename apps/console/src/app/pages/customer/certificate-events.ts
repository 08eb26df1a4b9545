import type { CertificateView } from '@certdesk/contracts';
import { jstDate } from '@certdesk/domain';

export type CertificateEventKind = 'issued' | 'expiry' | 'revoked';

/** One line of an IB user's certificate timeline. */
export interface CertificateEvent {
  readonly kind: CertificateEventKind;
  /** JST calendar date. */
  readonly date: string;
  readonly title: string;
  readonly detail: string | null;
  readonly serialHex: string;
  readonly current: boolean;
}

const ISSUED_VIA_LABELS: Readonly<
  Record<CertificateView['issuedVia'], string>
> = {
  initial: '発行（初回取得）',
  renewal: '発行（更新）',
  acquisition: '発行（電子証明書取得）',
  reissue: '発行（再発行）',
  imported: '発行（移行データ）',
};

/** RFC 5280 reasons as staff read them; an unknown code is shown as it is. */
const REVOCATION_REASON_LABELS: Readonly<Record<string, string>> = {
  superseded: '更新により新しい電子証明書に置き換え',
  keyCompromise: '鍵の漏えいのおそれ',
  cACompromise: '認証局の鍵の漏えいのおそれ',
  affiliationChanged: '担当者の変更',
  cessationOfOperation: '利用の停止',
  certificateHold: '一時停止',
  privilegeWithdrawn: '利用権限の取り消し',
  unspecified: '理由の指定なし',
};

const KIND_ORDER: Readonly<Record<CertificateEventKind, number>> = {
  revoked: 0,
  expiry: 1,
  issued: 2,
};

/** `7a3f0c` → `7A:3F:0C`, the way certificate viewers show serials and fingerprints. */
export function colonHex(hex: string): string {
  const even = hex.length % 2 ? `0${hex}` : hex;
  return (even.toUpperCase().match(/../g) ?? []).join(':');
}

export function instantDate(instant: string): string {
  return jstDate(new Date(instant));
}

function expiryTitle(expiryDate: string, today: string): string {
  if (expiryDate < today) return '有効期限切れ';
  return expiryDate === today ? '有効期限日（本日）' : '有効期限日（予定）';
}

function eventsOf(c: CertificateView, today: string): CertificateEvent[] {
  const base = { serialHex: c.serialHex, current: c.current };
  const events: CertificateEvent[] = [
    {
      ...base,
      kind: 'issued',
      date: instantDate(c.notBefore),
      title: ISSUED_VIA_LABELS[c.issuedVia] ?? '発行',
      detail: null,
    },
  ];
  const revokedOn = c.revokedAt ? instantDate(c.revokedAt) : null;
  // A certificate revoked before its expiry date never reaches it.
  if (!revokedOn || revokedOn > c.expiryDate) {
    events.push({
      ...base,
      kind: 'expiry',
      date: c.expiryDate,
      title: expiryTitle(c.expiryDate, today),
      detail: null,
    });
  }
  if (revokedOn) {
    const reason = c.revocationReason;
    events.push({
      ...base,
      kind: 'revoked',
      date: revokedOn,
      title: '失効',
      detail: reason
        ? `理由: ${REVOCATION_REASON_LABELS[reason] ?? reason}`
        : null,
    });
  }
  return events;
}

/**
 * Issued, expiry and revoked events of every certificate, newest first. On one day, a newer
 * certificate's events come first (its issue above the old one's revocation at a renewal).
 */
export function certificateEvents(
  history: readonly CertificateView[],
  today: string,
): CertificateEvent[] {
  return history
    .flatMap((c, index) => eventsOf(c, today).map((e) => ({ e, index })))
    .sort(
      (a, b) =>
        b.e.date.localeCompare(a.e.date) ||
        a.index - b.index ||
        KIND_ORDER[a.e.kind] - KIND_ORDER[b.e.kind],
    )
    .map(({ e }) => e);
}
