/**
 * 残り日数 as staff read it: `12日`, `本日まで`, `5日経過` (past the expiry date), `—` without a certificate.
 */
export function daysLeftLabel(daysLeft: number | null): string {
  if (daysLeft === null) return '—';
  if (daysLeft === 0) return '本日まで';
  return daysLeft > 0 ? `${daysLeft}日` : `${-daysLeft}日経過`;
}
