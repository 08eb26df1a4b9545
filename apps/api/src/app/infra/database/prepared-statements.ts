import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { SelectQueryBuilder } from 'typeorm';

/** Statement text → its server-side name. */
const names = new Map<string, string>();
/** Each connection keeps what it prepared: past this many distinct texts, new ones are sent unprepared. */
export const MAX_PREPARED_STATEMENTS = 500;

/**
 * Marks a fixed statement (parameters as $1…) that PostgreSQL should parse and plan once per
 * connection instead of on every execution: the per-request session lookup, the dashboard counts,
 * searches by filters alone. Only statements whose best plan does not hinge on the parameter values
 * belong here (PostgreSQL may switch a prepared statement to a generic plan): a name search, whose
 * plan depends on how common the name is, stays unprepared.
 */
export function prepareOnce(sql: string): void {
  if (!names.has(sql) && names.size < MAX_PREPARED_STATEMENTS)
    names.set(
      sql,
      `certdesk_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`,
    );
}

/** {@link prepareOnce} for a query builder's statement, on PostgreSQL (SQLite's driver keeps its statements prepared). */
export function prepareQueryOnce<T extends object>(
  qb: SelectQueryBuilder<T>,
): void {
  if (qb.connection.options.type === 'postgres')
    prepareOnce(qb.getQueryAndParameters()[0]);
}

type Query = (this: Client, ...args: unknown[]) => unknown;
const query = Client.prototype.query as unknown as Query;

/**
 * The pool's client class: a statement marked with {@link prepareOnce} is sent as a named
 * (prepared) statement, everything else exactly as TypeORM sends it.
 */
export class PreparingClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    const send = (...args: unknown[]): unknown => {
      const [text, values, ...rest] = args;
      const name = typeof text === 'string' ? names.get(text) : undefined;
      return name
        ? query.call(this, { name, text, values }, ...rest)
        : query.apply(this, args);
    };
    this.query = send as Client['query'];
  }
}
