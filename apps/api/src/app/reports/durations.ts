import type { DurationSummary } from '@certdesk/contracts';

/** Count, average, median and maximum of durations in minutes (rounded to whole minutes); nulls for none. */
export function summarizeDurations(
  minutes: readonly number[],
): DurationSummary {
  if (minutes.length === 0)
    return {
      count: 0,
      averageMinutes: null,
      medianMinutes: null,
      maxMinutes: null,
    };
  const sorted = [...minutes].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? sorted[middle]
      : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    count: sorted.length,
    averageMinutes: Math.round(
      sorted.reduce((sum, m) => sum + m, 0) / sorted.length,
    ),
    medianMinutes: Math.round(median),
    maxMinutes: sorted[sorted.length - 1],
  };
}
