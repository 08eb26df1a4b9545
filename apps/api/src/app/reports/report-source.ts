/** A report as rows read from the database in keyset batches: memory stays flat whatever its size. */
export interface ReportSource<R> {
  /** Japanese column headers of the CSV. */
  headers: string[];
  /** The next `size` rows after `after` (null: from the start), in a stable order. */
  batch(after: R | null, size: number): Promise<R[]>;
  cells(row: R): (string | number | null)[];
}
