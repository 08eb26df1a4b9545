import type {
  NoticeDeliveryReport,
  ReissueHistoryReport,
  ReissueHistoryRow,
} from '@certdesk/contracts';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffBrowser } from '../../testing/staff-browser';
import { Branch } from '../credit-unions/branch.entity';
import { ReissueRequest } from '../reissues/reissue-request.entity';
import { HistoryWorld, seedHistoryWorld } from './testing/history-world';
import { csvRows, download, lastExport } from './testing/report-testing';

/** The header line of the 再発行履歴 CSV, as the file starts. */
const REISSUE_HEADERS =
  '受付日時,状態,店番,店名,契約者番号,会社名,利用者区分,ログインID,利用者名,再発行理由,理由の詳細,本人確認方法,依頼書受付日,依頼者,決裁者（承認・却下）,決裁日時,承認までの時間（時間）,取得期限,取得日時,取得までの時間（時間）,再発行依頼ID'.split(
    ',',
  );
/** The header line of the 通知の送信状況 CSV. */
const NOTICE_HEADERS =
  '日付（通知の基準日）,通知の種類,通知日,有効期限までの日数,送信済み,送信失敗,取消（送信不要）,送信対象外,送信待ち,合計'.split(
    ',',
  );

/**
 * 再発行履歴 and 通知の送信状況 (`/api/reports/reissues`, `/notices` and their CSVs) over fixtures with
 * known times, in credit union 1001, with 1002's rows alongside that must never show.
 */
describeSeededApp(
  'reissue history and notice delivery reports on $name',
  ({ t, seeded }) => {
    let compliance: StaffBrowser;
    let theirs: StaffBrowser;
    let otherBranch: Branch;
    let r: HistoryWorld['r'];
    let foreign: ReissueRequest;

    beforeAll(async () => {
      ({ r, foreign, otherBranch } = await seedHistoryWorld(t, seeded));
      compliance = StaffBrowser.of(t);
      expect(
        (await compliance.login(seeded.username('compliance', seeded.a)))
          .status,
      ).toBe(200);
      theirs = await StaffBrowser.signedIn(
        t,
        seeded.username('manager', seeded.b),
      );
    });

    const reissues = async (
      query = '',
      who = compliance,
    ): Promise<ReissueHistoryReport> => {
      const res = await who.get(`/api/reports/reissues${query}`);
      expect(res.status).toBe(200);
      return res.body as ReissueHistoryReport;
    };
    const ids = (rows: ReissueHistoryRow[]) => rows.map((row) => row.id);
    /** 1001's six requests in the order of the history: newest first. */
    const newestFirst = () => [
      r.a4.id,
      r.a3.id,
      r.a2.id,
      r.a1.id,
      r.a5.id,
      r.a6.id,
    ];

    it('lists the reissue history newest first with requester, approver, reason and the times to approval and acquisition', async () => {
      const report = await reissues();
      expect(report.creditUnion.code).toBe('1001');
      expect(ids(report.items)).toEqual(newestFirst());
      const byId = new Map(report.items.map((row) => [row.id, row]));
      expect(byId.get(r.a1.id)).toMatchObject({
        status: 'completed',
        reason: 'lost_device',
        requestedBy: '営業店 花子',
        decidedBy: '役席 一郎',
        companyName: '株式会社再発行0',
        requestedAt: '2026-11-10T01:00:00.000Z',
        decidedAt: '2026-11-10T06:30:00.000Z',
        minutesToApproval: 330,
        acquiredAt: '2026-11-12T00:00:00.000Z',
        minutesToAcquisition: 2490,
      });
      expect(byId.get(r.a2.id)).toMatchObject({
        status: 'authorized',
        minutesToApproval: 1440,
        acquiredAt: null,
        minutesToAcquisition: null,
      });
      expect(byId.get(r.a3.id)).toMatchObject({
        status: 'rejected',
        decidedBy: '役席 一郎',
        minutesToApproval: null,
        minutesToAcquisition: null,
      });
      expect(byId.get(r.a4.id)).toMatchObject({
        status: 'pending',
        reason: 'other',
        reasonText: '担当者の退職',
        decidedBy: null,
        minutesToApproval: null,
      });
      // Completed with no certificate on record: the request's closing is the acquisition.
      expect(byId.get(r.a5.id)).toMatchObject({
        branchCode: otherBranch.code,
        minutesToApproval: 1440,
        acquiredAt: '2026-10-08T01:00:00.000Z',
        minutesToAcquisition: 2880,
      });
      expect(byId.get(r.a6.id)).toMatchObject({
        status: 'expired',
        minutesToApproval: 60,
        acquiredAt: null,
      });
      expect(report.summary).toEqual({
        total: 6,
        byStatus: {
          pending: 1,
          authorized: 1,
          completed: 2,
          expired: 1,
          rejected: 1,
          cancelled: 0,
        },
        approval: {
          count: 4,
          averageMinutes: 818,
          medianMinutes: 885,
          maxMinutes: 1440,
        },
        acquisition: {
          count: 2,
          averageMinutes: 2685,
          medianMinutes: 2685,
          maxMinutes: 2880,
        },
      });
      expect(JSON.stringify(report)).not.toContain(foreign.id);
    });

    it('filters by JST period, status and branch, and pages with a cursor', async () => {
      expect(
        ids((await reissues('?from=2026-11-01&to=2026-11-30')).items),
      ).toEqual([r.a3.id, r.a2.id, r.a1.id]);
      expect(ids((await reissues('?from=2026-12-01')).items)).toEqual([
        r.a4.id,
      ]);
      expect(ids((await reissues('?status=completed')).items)).toEqual([
        r.a1.id,
        r.a5.id,
      ]);
      const branch = await reissues(`?branch=${otherBranch.code}`);
      expect(ids(branch.items)).toEqual([r.a5.id]);
      expect(branch.summary.total).toBe(1);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ReissueHistoryReport = await reissues(
          `?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.summary.total).toBe(6);
        seen.push(...ids(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(newestFirst());
    });

    it('exports the history as CSV with Japanese headers, parses back into the right columns and audits the export', async () => {
      const res = await download(
        t,
        compliance,
        '/api/reports/reissues.csv?from=2026-11-01&to=2026-11-30',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="reissues-20261201.csv"',
      );
      const [headers, ...rows] = csvRows(res.body);
      expect(headers).toEqual(REISSUE_HEADERS);
      const column = (row: string[], name: string) =>
        row[REISSUE_HEADERS.indexOf(name)];
      expect(rows.map((row) => column(row, '再発行依頼ID'))).toEqual([
        r.a3.id,
        r.a2.id,
        r.a1.id,
      ]);
      const a1 = rows[2];
      expect(
        Object.fromEntries(REISSUE_HEADERS.map((h, i) => [h, a1[i]])),
      ).toMatchObject({
        受付日時: '2026-11-10 10:00:00',
        状態: '取得済',
        会社名: '株式会社再発行0',
        利用者区分: '管理者',
        再発行理由: 'パソコンの紛失・故障',
        依頼者: '営業店 花子',
        '決裁者（承認・却下）': '役席 一郎',
        決裁日時: '2026-11-10 15:30:00',
        '承認までの時間（時間）': '5.5',
        取得期限: '2027-01-28',
        取得日時: '2026-11-12 09:00:00',
        '取得までの時間（時間）': '41.5',
      });
      expect(column(rows[0], '状態')).toBe('却下');
      expect(column(rows[0], '承認までの時間（時間）')).toBe('');
      expect(res.body.toString('utf8')).not.toContain('他金庫商事');
      expect(await lastExport(t, seeded.a.id, 'reissues')).toMatchObject({
        filters: { from: '2026-11-01', to: '2026-11-30' },
        rows: 3,
        encoding: 'utf-8',
        cancelled: false,
      });
    });

    it('counts notices sent, failed and cancelled per milestone and day, filtered by period and milestone', async () => {
      const res = await compliance.get('/api/reports/notices');
      expect(res.status).toBe(200);
      const report = res.body as NoticeDeliveryReport;
      expect(
        report.days.map((d) => [
          d.day,
          d.milestone,
          d.sent,
          d.failed,
          d.cancelled,
          d.skipped,
          d.pending,
        ]),
      ).toEqual([
        ['2026-11-20', 30, 3, 1, 0, 0, 0],
        ['2026-11-20', 10, 2, 0, 1, 0, 1],
        ['2026-11-21', 30, 1, 0, 0, 0, 0],
        ['2026-11-21', -1, 0, 0, 0, 1, 0],
        ['2026-11-21', null, 1, 0, 0, 0, 0],
        ['2026-11-25', 10, 0, 0, 2, 0, 0],
      ]);
      expect(report.days[0]).toMatchObject({
        kind: 'renewal_reminder',
        label: '有効期限の30日前',
        kindLabel: '電子証明書更新のご案内（メール）',
      });
      expect(report.days[4]).toMatchObject({
        kind: 'reissue_ready',
        label: '電子証明書再発行手続き完了のご案内（メール）',
      });
      expect(report.totals).toEqual({
        sent: 7,
        failed: 1,
        cancelled: 3,
        skipped: 1,
        pending: 1,
      });
      expect(report.milestones).toEqual([
        { milestone: 30, label: '有効期限の30日前' },
        { milestone: 10, label: '有効期限の10日前' },
        { milestone: -1, label: '有効期限の1日後' },
      ]);

      const tenDays = (
        await compliance.get('/api/reports/notices?milestone=10')
      ).body as NoticeDeliveryReport;
      expect(tenDays.days.map((d) => [d.day, d.milestone])).toEqual([
        ['2026-11-20', 10],
        ['2026-11-25', 10],
      ]);
      expect(tenDays.milestones.map((m) => m.milestone)).toEqual([30, 10, -1]);
      const oneDay = (
        await compliance.get(
          '/api/reports/notices?from=2026-11-21&to=2026-11-21',
        )
      ).body as NoticeDeliveryReport;
      expect(oneDay.days.map((d) => d.milestone)).toEqual([30, -1, null]);
      expect(oneDay.milestones.map((m) => m.milestone)).toEqual([30, -1]);
    });

    it('exports the notice counts as CSV that parses back, and audits it with its filters and row count', async () => {
      const res = await download(
        t,
        compliance,
        '/api/reports/notices.csv?milestone=30',
      );
      expect(res.status).toBe(200);
      const [headers, ...rows] = csvRows(res.body);
      expect(headers).toEqual(NOTICE_HEADERS);
      expect(rows).toEqual([
        [
          '2026-11-20',
          '電子証明書更新のご案内（メール）',
          '有効期限の30日前',
          '30',
          '3',
          '1',
          '0',
          '0',
          '0',
          '4',
        ],
        [
          '2026-11-21',
          '電子証明書更新のご案内（メール）',
          '有効期限の30日前',
          '30',
          '1',
          '0',
          '0',
          '0',
          '0',
          '1',
        ],
      ]);
      expect(await lastExport(t, seeded.a.id, 'notices')).toMatchObject({
        filters: { milestone: 30 },
        rows: 2,
        cancelled: false,
      });
    });

    it('shows another credit union only its own reissues and notices', async () => {
      const report = await reissues('', theirs);
      expect(ids(report.items)).toEqual([foreign.id]);
      expect(report.summary.total).toBe(1);
      const notices = (await theirs.get('/api/reports/notices'))
        .body as NoticeDeliveryReport;
      expect(notices.days.map((d) => [d.day, d.milestone, d.sent])).toEqual([
        ['2026-11-20', 30, 5],
      ]);
      const csv = await download(t, theirs, '/api/reports/reissues.csv');
      const [, ...rows] = csvRows(csv.body);
      expect(
        rows.map((row) => row[REISSUE_HEADERS.indexOf('再発行依頼ID')]),
      ).toEqual([foreign.id]);
    });

    it('answers 400 naming a bad filter, and is refused to branch staff', async () => {
      const bad: [string, string][] = [
        ['/api/reports/reissues?status=done', 'status'],
        ['/api/reports/reissues?from=2026-02-30', 'from'],
        ['/api/reports/reissues.csv?from=2026-12-01&to=2026-11-01', 'to'],
        ['/api/reports/reissues?branch=1', 'branch'],
        ['/api/reports/reissues?cursor=bm9wZQ', 'cursor'],
        ['/api/reports/notices?milestone=ten', 'milestone'],
        ['/api/reports/notices.csv?to=2026-1-1', 'to'],
        ['/api/reports/notices.csv?encoding=sjis', 'encoding'],
      ];
      for (const [path, field] of bad) {
        const res = await compliance.get(path);
        expect([path, res.status, res.body.details?.[0]?.field]).toEqual([
          path,
          400,
          field,
        ]);
      }
      const branchStaff = StaffBrowser.of(t);
      await branchStaff.login(seeded.username('branch_staff', seeded.a));
      for (const path of [
        '/api/reports/reissues',
        '/api/reports/reissues.csv',
        '/api/reports/notices',
        '/api/reports/notices.csv',
      ]) {
        expect((await branchStaff.get(path)).status).toBe(403);
      }
    });
  },
);
