/**
 * Runs `work` on every item, at most `limit` at a time, in order of start; the first failure is
 * thrown once the items already started have settled, and no further item starts after it.
 * Written here rather than taken from p-limit: its maintained versions are ESM-only (the API is
 * CommonJS), and it would start the remaining items after a failure.
 */
export async function eachAtMost<T>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, limit) }, lane);
  const outcomes = await Promise.allSettled(lanes);
  const failure = outcomes.find((o) => o.status === 'rejected');
  if (failure) throw failure.reason;
}
