import { DataSource } from 'typeorm';

/**
 * The rows a statement gives back — a SELECT's, or an INSERT's, UPDATE's or DELETE's `RETURNING`
 * (also inside a `WITH`) — alike on both databases; none for a statement without. Asks TypeORM for
 * its structured result: its plain one is `[rows, affected]` for an UPDATE or DELETE on
 * PostgreSQL and the rows elsewhere. Outside any transaction (each statement commits on its own);
 * on SQLite through the gate, like every query of the shared connection.
 */
export async function returnedRows<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const runner = dataSource.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).records as T[];
  } finally {
    await runner.release();
  }
}
