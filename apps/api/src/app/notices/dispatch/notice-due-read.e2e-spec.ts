import { describeSeededApp } from '../../../testing/describe-app';
import { planOf, statementsOf } from '../../../testing/plans';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { addIbUser, planRun } from '../testing/notice-fixtures';

/**
 * On SQLite the daily run reads the IB users of each window from `ix_ib_user_expiry` alone
 * (migration …300): on a steady day every one of them already has its marker, and reading each
 * one's table row only to test it took most of the run (figures in docs/notice-run-benchmarks.md).
 * A column the due read adds, or one taken out of the index, sends every IB user of the window to
 * the table again. PostgreSQL keeps its narrow index, which it deduplicates (the same columns
 * made it 26 times the size, for a run within its target already).
 */
describeSeededApp(
  'the daily notice run’s reads of its windows on $name',
  { now: '2026-12-01T09:00:00+09:00' },
  ({ db, t }) => {
    it('SQLite: from the expiry index alone, for every IB user of a window', async () => {
      if (db.name === 'postgres') return;
      const cu = await t.dataSource
        .getRepository(CreditUnion)
        .findOneByOrFail({ code: '1001' });
      for (const expiry of ['2026-12-05', '2026-12-20', '2026-12-31'])
        await addIbUser(t, cu, { expiry });
      await t.dataSource.query('ANALYZE');

      const statements = await statementsOf(t.dataSource, () => planRun(t, cu));
      const dueReads = statements.filter(([text]) =>
        /FROM ib_user u WHERE u\.credit_union_id/.test(text),
      );
      expect(dueReads.length).toBeGreaterThan(0);
      for (const read of dueReads)
        expect(await planOf(t.dataSource, read)).toMatch(
          /SEARCH u USING COVERING INDEX ix_ib_user_expiry /,
        );
    });

    it('PostgreSQL: its expiry index stays narrow', async () => {
      if (db.name !== 'postgres') return;
      const [index] = await t.dataSource.query(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_ib_user_expiry'",
      );
      expect(index.indexdef).toMatch(
        /\(credit_union_id, current_expiry_date\)$/,
      );
    });
  },
);
