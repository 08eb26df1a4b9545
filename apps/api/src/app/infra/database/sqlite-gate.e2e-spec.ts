import { DataSource } from 'typeorm';
import { describeApp } from '../../../testing/describe-app';

/** Overlapping transactions on the one shared SQLite connection must neither nest nor leak. */
describeApp('concurrent transactions on $name', ({ t }) => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = t.dataSource;
    await ds.query('CREATE TABLE gate_probe (n INTEGER NOT NULL)');
  });

  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  const count = async () =>
    Number((await ds.query('SELECT COUNT(*) AS c FROM gate_probe'))[0].c);

  it('commits one and rolls back the other when they overlap', async () => {
    const a = ds.transaction(async (em) => {
      await em.query('INSERT INTO gate_probe (n) VALUES (1)');
      await tick();
      await em.query('INSERT INTO gate_probe (n) VALUES (2)');
    });
    const b = ds.transaction(async (em) => {
      await em.query('INSERT INTO gate_probe (n) VALUES (3)');
      await tick();
      throw new Error('roll me back');
    });
    await expect(a).resolves.toBeUndefined();
    await expect(b).rejects.toThrow('roll me back');
    const rows: { n: number }[] = await ds.query(
      'SELECT n FROM gate_probe ORDER BY n',
    );
    expect(rows.map((r) => Number(r.n))).toEqual([1, 2]);
  });

  it('keeps a plain write out of another request’s transaction that then rolls back', async () => {
    const before = await count();
    const failing = ds.transaction(async (em) => {
      await em.query('INSERT INTO gate_probe (n) VALUES (10)');
      await tick();
      await tick();
      throw new Error('undo');
    });
    await tick();
    const plain = ds.query('INSERT INTO gate_probe (n) VALUES (11)');
    await expect(failing).rejects.toThrow('undo');
    await plain;
    const rows: { n: number }[] = await ds.query(
      'SELECT n FROM gate_probe WHERE n >= 10',
    );
    expect(rows.map((r) => Number(r.n))).toEqual([11]);
    expect(await count()).toBe(before + 1);
  });

  it('runs 20 overlapping transactions without one failing', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        ds.transaction(async (em) => {
          await em.query(
            'INSERT INTO gate_probe (n) VALUES ($1)'.replace(
              '$1',
              String(100 + i),
            ),
          );
          await tick();
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(
      Number(
        (
          await ds.query('SELECT COUNT(*) AS c FROM gate_probe WHERE n >= 100')
        )[0].c,
      ),
    ).toBe(20);
  });
});
