import type { DataSource } from 'typeorm';

/** Row count of every table of the database (SQLite's own tables excepted). */
export async function rowCounts(
  dataSource: DataSource,
): Promise<Record<string, number>> {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const tables = (await dataSource.query(
    sqlite
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
      : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  )) as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = (await dataSource.query(
      `SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`,
    )) as { n: string | number }[];
    counts[name] = Number(row.n);
  }
  return counts;
}

/** Tables whose count changed, as `table: before → after`. */
export function changedCounts(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[name] !== after[name])
      changed[name] = `${before[name] ?? '—'} → ${after[name] ?? '—'}`;
  }
  return changed;
}
