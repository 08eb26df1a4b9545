import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Tables the API may only read and append to: the audit log and its recorded heads. */
export const APPEND_ONLY_TABLES = ['audit_event', 'audit_head'];
/** Tables the API may only read. */
export const READ_ONLY_TABLES = ['migrations'];

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The role a PostgreSQL URL signs in as (asked of the server: the URL may leave it implicit). */
export async function roleOf(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ role: string }>(
      'SELECT current_user AS role',
    );
    return result.rows[0].role;
  } finally {
    await client.end();
  }
}

/**
 * Least privilege for the API's role (the user of DATABASE_URL) when the migrations run as another,
 * owning role (`MIGRATION_DATABASE_URL`). After every migration run, in one transaction, the owner:
 * revokes everything the API role had on the schema's tables, then grants
 * - SELECT, INSERT, UPDATE, DELETE on every table,
 * - only SELECT, INSERT on `audit_event` and `audit_head`,
 * - only SELECT on `migrations` (so the API can tell that none is pending),
 * - USAGE on the schema and on its sequences.
 * The API role owns nothing, so it can neither ALTER (e.g. DISABLE TRIGGER), DROP nor TRUNCATE.
 */
export async function grantApiRole(
  owner: DataSource,
  apiUrl: string,
): Promise<void> {
  if (owner.options.type !== 'postgres') return;
  const api = await roleOf(apiUrl);
  const [{ role: ownerRole }] = (await owner.query(
    'SELECT current_user AS role',
  )) as { role: string }[];
  if (api === ownerRole) return;
  await owner.transaction(async (manager) => {
    const [{ schema }] = (await manager.query(
      'SELECT current_schema() AS schema',
    )) as { schema: string }[];
    const tables = (await manager.query(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1',
      [schema],
    )) as { tablename: string }[];
    const role = quoteIdent(api);
    await manager.query(
      `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${role}`,
    );
    await manager.query(
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${quoteIdent(schema)} TO ${role}`,
    );
    for (const { tablename } of tables) {
      const table = `${quoteIdent(schema)}.${quoteIdent(tablename)}`;
      const privileges = APPEND_ONLY_TABLES.includes(tablename)
        ? 'SELECT, INSERT'
        : READ_ONLY_TABLES.includes(tablename)
          ? 'SELECT'
          : 'SELECT, INSERT, UPDATE, DELETE';
      await manager.query(`REVOKE ALL ON ${table} FROM ${role}`);
      await manager.query(`GRANT ${privileges} ON ${table} TO ${role}`);
    }
  });
}
