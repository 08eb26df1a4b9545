import { PreparingClient, prepareOnce } from './prepared-statements';

const url = process.env['TEST_DATABASE_URL'];

describe('PreparingClient on PostgreSQL', () => {
  let client: PreparingClient;

  beforeAll(async () => {
    client = new PreparingClient({
      connectionString: url ?? 'postgres://root@127.0.0.1:5432/test',
    });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  const prepared = async () =>
    (
      await client.query(
        "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'certdesk_%'",
      )
    ).rows.map((r) => r.statement as string);

  it('prepares a marked statement once and reuses it; sends every other statement as it is', async () => {
    const marked = 'SELECT $1::int + 1 AS n';
    prepareOnce(marked);
    expect((await client.query(marked, [1])).rows).toEqual([{ n: 2 }]);
    expect((await client.query(marked, [41])).rows).toEqual([{ n: 42 }]);
    expect((await client.query('SELECT $1::int * 2 AS n', [21])).rows).toEqual([
      { n: 42 },
    ]);
    expect(await prepared()).toEqual([marked]);
  });

  it('passes errors of a prepared statement through', async () => {
    const failing = 'SELECT 1 / $1::int AS n';
    prepareOnce(failing);
    await expect(client.query(failing, [0])).rejects.toThrow(
      /division by zero/,
    );
    expect((await client.query(failing, [1])).rows).toEqual([{ n: 1 }]);
  });
});
