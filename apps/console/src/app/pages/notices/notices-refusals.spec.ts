import {
  noticeSchedule,
  templateSummaries,
} from '../../../testing/notices.fixture';
import { eachTest } from '../../../testing/http';
import { NoticesTest } from './notices.testing';

/** A request the page makes first, answered with `body`. */
type Answer = readonly [method: string, url: string, body: object | null];

/**
 * Each 通知テンプレート page shows the API's own message when the API refuses what the page asked
 * for: opened at `url`, its first requests answered, then `GET api` refused.
 */
describe('通知テンプレート pages: the API’s message when it refuses', () => {
  const t = eachTest(() => new NoticesTest());
  beforeEach(() => t.signIn('manager'));

  it.each<[string, string, readonly Answer[], string, number, string]>([
    [
      '送信履歴: a refused filter',
      '/templates/log?from=2026-12-02&to=2026-12-01',
      [
        ['GET', '/api/notice-templates', templateSummaries()],
        ['GET', '/api/notice-schedule', noticeSchedule()],
      ],
      '/api/notices',
      400,
      '期間の開始日は終了日以前にしてください',
    ],
    [
      '通知スケジュール: the schedule cannot be read',
      '/templates/schedule',
      [],
      '/api/notice-schedule',
      500,
      'サーバーでエラーが発生しました',
    ],
    [
      'テンプレート: the list cannot be read',
      '/templates',
      [],
      '/api/notice-templates',
      500,
      'サーバーでエラーが発生しました',
    ],
    [
      'テンプレートの編集: an unknown kind',
      '/templates/no_such_kind',
      [],
      '/api/notice-templates/no_such_kind',
      404,
      '指定されたデータは見つかりません',
    ],
  ])('%s', async (_, url, answers, api, status, message) => {
    await t.open(url);
    for (const [method, answered, body] of answers) {
      await t.answer(method, answered, body);
    }
    await t.refuse('GET', api, status, message);
    expect(t.alert()).toBe(message);
  });
});
