/**
 * A duration in minutes as staff read it: `45分`, `5時間30分`, `1日17時間`, `3日`;
 * a dash when there is none (not approved, not acquired yet).
 */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes}分`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}日${hours ? `${hours}時間` : ''}`;
  const rest = minutes % 60;
  return `${hours}時間${rest ? `${rest}分` : ''}`;
}
