/** What every property spec of the domain runs: 10,000 generated cases. */
export const RUNS = { numRuns: 10_000 };
export const MS_PER_DAY = 86_400_000;

/**
 * The independent date model of the property specs: the JS Date UTC calendar (valid for years
 * 1970+), never the code under test.
 */
export function modelDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}
