import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import type { NoticeRunView } from '@certdesk/contracts';
import { eachTest } from '../../../testing/http';
import { noticeRun } from '../../../testing/notices.fixture';
import { NoticesTest } from './notices.testing';

const COUNTS = {
  pending: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  given_up: 0,
  skipped: 0,
  cancelled: 0,
};

/** A manual run of manager-1001, `planned` notices of which `sent` are sent. */
function manualRun(overrides: Partial<NoticeRunView>): NoticeRunView {
  return noticeRun({
    id: 'run-2',
    trigger: 'manual',
    requestedBy: 'manager-1001',
    startedAt: '2026-12-01T01:00:00.000Z',
    finishedAt: null,
    ...overrides,
  });
}

describe('RunsPage / 今すぐ実行', () => {
  const t = eachTest(() => new NoticesTest());
  beforeEach(() => t.signIn('manager'));

  /** Waits for the next poll (RUN_POLL_MS is 5 ms here) and answers it. */
  async function answerPoll(run: NoticeRunView): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.answer('GET', `/api/notice-runs/${run.id}`, run);
  }

  const progressText = () => t.text('run-progress');

  it('lists the latest runs with what became of their notices', async () => {
    await t.open('/templates/runs');
    await t.answer('GET', '/api/notice-runs', {
      items: [
        manualRun({
          status: 'done',
          phase: 'done',
          candidates: 3,
          planned: 3,
          counts: { ...COUNTS, sent: 2, skipped: 1 },
        }),
        noticeRun(),
      ],
    });
    expect(await t.headers()).toEqual([
      '開始日時',
      '実行',
      '状態',
      '対象',
      '送信予定',
      '送信済み',
      '失敗',
      '対象外・取消',
      '送信待ち',
    ]);
    expect(await t.cells()).toEqual([
      [
        '2026/12/01 10:00',
        '今すぐ実行 manager-1001',
        '完了',
        '3',
        '3',
        '2',
        '0',
        '1',
        '0',
      ],
      [
        '2026/12/01 09:00',
        '定時実行',
        '完了',
        '194',
        '194',
        '190',
        '3',
        '1',
        '0',
      ],
    ]);
    const failed = t.element.querySelector<HTMLAnchorElement>('a.cd-link');
    expect(failed?.getAttribute('href')).toBe('/templates/log?status=failed');
  });

  it('starts a run after asking, follows its progress until it ends, then lists it', async () => {
    await t.open('/templates/runs');
    await t.answer('GET', '/api/notice-runs', { items: [noticeRun()] });
    await (await t.button('今すぐ実行')).click();
    await t.rendered();
    await t.confirm('実行する');
    const started = await t.answer('POST', '/api/notice-runs', { id: 'run-2' });
    expect(started.request.body).toBeNull();
    await t.answer('GET', '/api/notice-runs', {
      items: [manualRun({ status: 'running', phase: 'planning' })],
    });

    await t.answer(
      'GET',
      '/api/notice-runs/run-2',
      manualRun({
        status: 'running',
        phase: 'planning',
        progress: 0,
        counts: COUNTS,
      }),
    );
    expect(progressText()).toContain('送信対象を抽出しています');
    expect(
      await (
        await t.loader.getHarness(
          MatProgressBarHarness.with({
            selector: '[aria-label="通知の実行の進み具合"]',
          }),
        )
      ).getMode(),
    ).toBe('indeterminate');
    expect(await (await t.button('今すぐ実行')).isDisabled()).toBe(true);

    await answerPoll(
      manualRun({
        status: 'running',
        phase: 'sending',
        candidates: 4,
        planned: 4,
        progress: 0.5,
        counts: { ...COUNTS, sent: 2, pending: 2 },
      }),
    );
    expect(progressText()).toContain('送信しています50%');
    expect(progressText()).toContain(
      '対象 4件・送信予定 4件：送信済み 2件・失敗 0件・対象外 0件・送信待ち 2件',
    );
    const bar = await t.loader.getHarness(
      MatProgressBarHarness.with({
        selector: '[aria-label="通知の実行の進み具合"]',
      }),
    );
    expect(await bar.getValue()).toBe(50);

    const done = manualRun({
      status: 'done',
      phase: 'done',
      candidates: 4,
      planned: 4,
      progress: 1,
      finishedAt: '2026-12-01T01:00:09.000Z',
      counts: { ...COUNTS, sent: 3, failed: 1 },
    });
    await answerPoll(done);
    expect(progressText()).toContain('完了100%');
    expect(progressText()).toContain('送信済み 3件・失敗 1件');
    expect(await (await t.button('今すぐ実行')).isDisabled()).toBe(false);
    // No more polling; the list is read again with the finished run.
    await t.answer('GET', '/api/notice-runs', { items: [done, noticeRun()] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    t.http.expectNone('/api/notice-runs/run-2');
  });

  it('starts nothing when the question is declined', async () => {
    await t.open('/templates/runs');
    await t.answer('GET', '/api/notice-runs', { items: [] });
    expect(t.element.textContent).toContain('まだ実行されていません');
    await (await t.button('今すぐ実行')).click();
    await t.rendered();
    await t.confirm('キャンセル');
    t.http.expectNone('/api/notice-runs');
  });

  it('follows a run that is already going when the page opens', async () => {
    await t.open('/templates/runs');
    await t.answer('GET', '/api/notice-runs', {
      items: [
        noticeRun({ status: 'running', phase: 'sending', progress: 0.25 }),
      ],
    });
    await t.answer(
      'GET',
      '/api/notice-runs/run-1',
      noticeRun({ status: 'done', phase: 'done', progress: 1 }),
    );
    expect(progressText()).toContain('完了100%');
    await t.answer('GET', '/api/notice-runs', { items: [noticeRun()] });
  });

  it('shows the API’s message when a run cannot start', async () => {
    await t.open('/templates/runs');
    await t.answer('GET', '/api/notice-runs', { items: [] });
    await (await t.button('今すぐ実行')).click();
    await t.rendered();
    await t.confirm('実行する');
    await t.refuse(
      'POST',
      '/api/notice-runs',
      403,
      'この操作を行う権限がありません',
    );
    expect(t.alert()).toBe('この操作を行う権限がありません');
    expect(await (await t.button('今すぐ実行')).isDisabled()).toBe(false);
  });
});
