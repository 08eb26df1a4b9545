import type { ReissueHistoryReport } from '@certdesk/contracts';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffBrowser } from '../../testing/staff-browser';
import { addIbUser, FixtureUser } from '../notices/testing/notice-fixtures';
import { ReissueRequest } from '../reissues/reissue-request.entity';
import { insertAll, reissueRequest } from './testing/report-fixtures';
import { csvRows, download, lastExport } from './testing/report-testing';

const ROWS = 20_000;
/** Requests share their times in runs of 7, so every keyset batch boundary falls inside a tie. */
const TIE = 7;

/** A 20,000-row export crosses 20 keyset batches and comes back whole, each row once, in order. */
describeSeededApp('a large export on $name', ({ t, seeded }) => {
  let compliance: StaffBrowser;
  let expected: string[];

  beforeAll(async () => {
    const users: FixtureUser[] = [];
    for (let i = 0; i < 5; i++)
      users.push(
        await addIbUser(t, seeded.a, {
          expiry: '2026-06-30',
          companyName: `大量出力"検証",${i}\n二行目`,
        }),
      );
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const requestedAt = new Date(start + Math.floor(i / TIE) * 60_000);
      return reissueRequest(users[i % users.length], {
        status: 'completed',
        requestedAt,
        decidedAt: new Date(requestedAt.getTime() + 3_600_000),
        decidedById: users[0].ibUser.id,
        decidedByName: '役席 一郎',
        closedAt: new Date(requestedAt.getTime() + 7_200_000),
        reasonText: i % 3 === 0 ? '=1+1' : null,
      });
    });
    await insertAll(t, ReissueRequest, rows);
    // Newest first; ties by id, descending.
    expected = [...rows]
      .sort(
        (x, y) =>
          y.requestedAt.getTime() - x.requestedAt.getTime() ||
          (x.id < y.id ? 1 : -1),
      )
      .map((r) => r.id);
    compliance = await seeded.as('compliance');
  }, 120_000);

  it('streams 20,000 rows that parse back fully into the right columns, each once and in order', async () => {
    const res = await download(t, compliance, '/api/reports/reissues.csv');
    expect(res.status).toBe(200);
    const [headers, ...rows] = csvRows(res.body);
    expect(rows).toHaveLength(ROWS);
    expect(rows.every((row) => row.length === headers.length)).toBe(true);
    const column = (name: string) => headers.indexOf(name);
    expect(rows.map((row) => row[column('再発行依頼ID')])).toEqual(expected);
    expect(new Set(rows.map((row) => row[column('会社名')]))).toEqual(
      new Set([0, 1, 2, 3, 4].map((i) => `大量出力"検証",${i}\n二行目`)),
    );
    expect(
      rows.filter((row) => row[column('理由の詳細')] === "'=1+1"),
    ).toHaveLength(Math.ceil(ROWS / 3));
    expect(
      new Set(
        rows.map(
          (row) =>
            `${row[column('承認までの時間（時間）')]}/${row[column('取得までの時間（時間）')]}`,
        ),
      ),
    ).toEqual(new Set(['1.0/1.0']));
    expect(await lastExport(t, seeded.a.id, 'reissues')).toMatchObject({
      rows: ROWS,
      cancelled: false,
    });
  }, 120_000);

  it('summarises all of them on the page and pages through them with the same order', async () => {
    const res = await compliance.get('/api/reports/reissues?limit=200');
    const report = res.body as ReissueHistoryReport;
    expect(report.summary).toMatchObject({
      total: ROWS,
      approval: { count: ROWS, averageMinutes: 60 },
      acquisition: { count: ROWS, medianMinutes: 60 },
    });
    expect(report.items.map((r) => r.id)).toEqual(expected.slice(0, 200));
  }, 120_000);
});
