import type { DataSource } from 'typeorm';

/** A statement as a query runner received it: its text and its parameters. */
export type Statement = [string, unknown[]];

/** The statements `work` sends through TypeORM's query runners, with their parameters. */
export async function statementsOf(
  dataSource: DataSource,
  work: () => Promise<unknown>,
): Promise<Statement[]> {
  const runner = dataSource.createQueryRunner();
  // SQLite's one shared runner carries the gate's own `query` (see SqliteGate); PostgreSQL's
  // runners (one per pool connection) share their class's.
  const query = jest.spyOn(
    Object.hasOwn(runner, 'query') ? runner : Object.getPrototypeOf(runner),
    'query',
  );
  await runner.release();
  try {
    await work();
    return query.mock.calls.map(([text, values]) => [
      text as string,
      (values ?? []) as unknown[],
    ]);
  } finally {
    query.mockRestore();
  }
}

/**
 * The plan of a statement (planned, not run) with its own parameters, as JSON text: PostgreSQL's
 * `EXPLAIN (FORMAT JSON)`, SQLite's `EXPLAIN QUERY PLAN`. `noTableScans`: PostgreSQL is told to
 * leave the table and its bitmap scans alone, so that a test's few rows show whether an index
 * covers the statement, not which plan PostgreSQL would choose at a million rows.
 */
export async function planOf(
  dataSource: DataSource,
  [sql, values]: Statement,
  options: { noTableScans?: boolean } = {},
): Promise<string> {
  if (dataSource.options.type !== 'postgres')
    return JSON.stringify(
      await dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, values),
    );
  return dataSource.transaction(async (manager) => {
    if (options.noTableScans) {
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_bitmapscan = off');
    }
    return JSON.stringify(
      await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, values),
    );
  });
}
