import { collectGarbage } from './heap';

/** A report as rows read from the database in keyset batches: memory stays flat whatever its size. */
export interface ReportSource<R> {
  /** Japanese column headers of the CSV. */
  headers: readonly string[];
  /** The next `size` rows after `after` (null: from the start), in a stable order. */
  batch(after: R | null, size: number): Promise<R[]>;
  cells(row: R): (string | number | null)[];
}

export const BATCH_SIZE = 1000;
/** Batches between two garbage collections (see `collectGarbage`): 16,000 rows at most. */
export const BATCHES_PER_COLLECTION = 16;

/** Every batch of a source in order; stopping the loop early stops reading. Memory stays flat however many. */
export async function* batches<R>(
  source: ReportSource<R>,
  size = BATCH_SIZE,
): AsyncGenerator<R[]> {
  for (let after: R | null = null, n = 1; ; n++) {
    const batch = await source.batch(after, size);
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1];
    if (n % BATCHES_PER_COLLECTION === 0) collectGarbage();
  }
}
