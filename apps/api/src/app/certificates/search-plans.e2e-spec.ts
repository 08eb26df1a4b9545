import { describeSeededApp } from '../../testing/describe-app';
import { planOf as plan, Statement } from '../../testing/plans';

/**
 * The search's page query walks `ix_ib_user_sort_expiry` and tests each row it passes on the index
 * alone (migration …290): a column added to the page query's conditions, or taken out of the index,
 * sends every walked row to the table again (figures in docs/benchmarks.md). The statement the app
 * runs is planned here with its own parameters. PostgreSQL is told to leave the few test rows'
 * table and its bitmap scans alone (which also rules out the trigram index), so these cases show
 * that the index covers each query, not which plan PostgreSQL would choose at a million rows.
 * SQLite's old index already covered a range (only its status case guards …290 there).
 */
describeSeededApp(
  'the certificate search walks its sort index alone on $name',
  { now: '2026-12-01T09:00:00+09:00' },
  ({ db, t, seeded }) => {
    const postgres = () => db.name === 'postgres';

    // PostgreSQL answers from an index alone for pages its visibility map marks all-visible.
    beforeAll(async () => {
      if (postgres()) await t.dataSource.query('VACUUM ib_user');
    });

    /** The plan of the page query that `GET /api/certificates?{query}` runs. */
    async function pageQueryPlan(query: string): Promise<string> {
      const staff = await seeded.as('branch_staff');
      const spy = jest.spyOn(t.dataSource, 'query');
      const res = await staff.get(`/api/certificates?${query}`);
      const page = spy.mock.calls.find(([text]) =>
        /AS "?sort_key"?/.test(text),
      );
      spy.mockRestore();
      expect(res.status).toBe(200);
      return plan(t.dataSource, page as Statement, { noTableScans: true });
    }

    const covered = () =>
      postgres()
        ? /"Node Type":"Index Only Scan"[^{}]*"Index Name":"ix_ib_user_sort_expiry"/
        : /COVERING INDEX ix_ib_user_sort_expiry/;

    it('for a status filter', async () => {
      expect(await pageQueryPlan('status=expired')).toMatch(covered());
    });

    it('for an expiry range', async () => {
      expect(
        await pageQueryPlan('expiresFrom=2026-12-10&expiresTo=2026-12-20'),
      ).toMatch(covered());
    });

    it('for a company name (PostgreSQL walks for it; SQLite only for a common name)', async () => {
      if (!postgres()) return;
      expect(await pageQueryPlan(`q=${encodeURIComponent('ヤマダ')}`)).toMatch(
        covered(),
      );
    });
  },
);
