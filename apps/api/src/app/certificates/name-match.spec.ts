import type { DataSource } from 'typeorm';
import { COMMON_NAME_IB_USERS, NameMatch } from './name-match.repository';

/** A SQLite DataSource whose vocabulary says every trigram is held by `docs` IB users. */
function sqliteWith(docs: () => number) {
  const query = jest.fn(async (_sql: string, grams: string[]) => [
    { terms: grams.length, docs: docs() },
  ]);
  const dataSource = { options: { type: 'better-sqlite3' }, query };
  return { names: new NameMatch(dataSource as unknown as DataSource), query };
}

describe('NameMatch.walkExpiryOrder', () => {
  let clock = 0;
  beforeEach(() => {
    clock = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts a key once a minute and reuses the verdict in between', async () => {
    let docs = COMMON_NAME_IB_USERS;
    const { names, query } = sqliteWith(() => docs);
    expect(await names.walkExpiryOrder('ヤマダ')).toBe(true);
    docs = 1;
    clock += 59_999;
    expect(await names.walkExpiryOrder('ヤマダ')).toBe(true);
    expect(query).toHaveBeenCalledTimes(1);
    clock += 1;
    expect(await names.walkExpiryOrder('ヤマダ')).toBe(false);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('keeps the verdicts of at most 1,000 keys, forgetting the least recently counted', async () => {
    const { names, query } = sqliteWith(() => COMMON_NAME_IB_USERS);
    for (let i = 0; i <= 1_000; i++) await names.walkExpiryOrder(`ヤマ${i}`);
    expect(query).toHaveBeenCalledTimes(1_001);
    await names.walkExpiryOrder('ヤマ1000');
    await names.walkExpiryOrder('ヤマ1');
    expect(query).toHaveBeenCalledTimes(1_001);
    await names.walkExpiryOrder('ヤマ0');
    expect(query).toHaveBeenCalledTimes(1_002);
  });

  it('never asks PostgreSQL, which plans the name itself', async () => {
    const query = jest.fn();
    const names = new NameMatch({
      options: { type: 'postgres' },
      query,
    } as unknown as DataSource);
    expect(await names.walkExpiryOrder('ヤマダ')).toBe(false);
    expect(query).not.toHaveBeenCalled();
  });
});
