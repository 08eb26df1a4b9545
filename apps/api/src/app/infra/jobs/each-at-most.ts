/**
 * Runs `work` on every item, at most `limit` at a time (at least one), in order of start; the
 * earliest failure is thrown once the items already started have settled, and no further item
 * starts after it.
 * Written here rather than taken from p-limit: its maintained versions are ESM-only (the API is
 * CommonJS), and it would start the remaining items after a failure.
 */
export async function eachAtMost<T>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async () => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  const lanes = Math.max(1, Math.floor(limit) || 1);
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failures.length > 0) throw failures[0];
}
