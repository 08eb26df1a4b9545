import { MatInputHarness } from '@angular/material/input/testing';
import {
  templateDetail,
  templatePreview,
  templateSummaries,
} from '../../../testing/notices.fixture';
import { eachTest } from '../../../testing/http';
import { NoticesTest } from './notices.testing';

const tabLabels = (t: NoticesTest) =>
  Array.from(t.element.querySelectorAll('[mat-tab-link]')).map((a) =>
    a.textContent?.trim(),
  );

describe('TemplatesPage / 通知テンプレート: the kinds, and the editor read-only', () => {
  const t = eachTest(() => new NoticesTest());

  it('lists every kind with its channel, version in use and draft; a row opens the editor', async () => {
    await t.signIn('compliance');
    await t.open('/templates');
    await t.answer('GET', '/api/notice-templates', templateSummaries());
    const rows = await t.cells();
    expect(rows.map((r) => r.slice(1))).toEqual([
      [
        'メール',
        '第1版 2026/12/01 09:00 初期設定',
        '第2版 2026/12/01 10:30 保存',
      ],
      ['重要なお知らせ', '第1版 2026/12/01 09:00 初期設定', 'なし'],
      ['メール', '第1版 2026/12/01 09:00 初期設定', 'なし'],
      ['メール', '第1版 2026/12/01 09:00 初期設定', 'なし'],
      ['メール', '第1版 2026/12/01 09:00 初期設定', 'なし'],
    ]);
    expect(rows[0][0]).toContain('電子証明書更新のご案内（メール）');
    // Compliance reads the log and the schedule; 今すぐ実行 is the managers'.
    expect(tabLabels(t)).toEqual([
      'テンプレート',
      '送信履歴',
      '通知スケジュール',
    ]);

    t.element
      .querySelector<HTMLElement>('tr[data-kind="locked_out"] td:nth-child(2)')
      ?.click();
    await t.rendered();
    expect(t.url).toBe('/templates/locked_out');
    await t.answer(
      'GET',
      '/api/notice-templates/locked_out',
      templateDetail(null, { kind: 'locked_out' }),
    );
    await t.answer(
      'POST',
      '/api/notice-templates/locked_out/preview',
      templatePreview(),
    );
  });

  it('lets branch staff read and preview a template but not change or publish it', async () => {
    await t.signIn('branch_staff');
    await t.open('/templates/renewal_reminder');
    await t.answer(
      'GET',
      '/api/notice-templates/renewal_reminder',
      templateDetail({ subject: '下書き' }),
    );
    await t.answer('GET', '/api/notice-templates/renewal_reminder/diff', {
      kind: 'renewal_reminder',
      publishedVersion: 1,
      draftVersion: 2,
      changed: false,
      subject: [],
      body: [],
    });
    await t.answer(
      'POST',
      '/api/notice-templates/renewal_reminder/preview',
      templatePreview(),
    );

    expect(t.element.textContent).toContain(
      'テンプレートの編集と公開は役席が行います',
    );
    for (const label of [
      '下書きを保存',
      '公開する',
      '下書きを破棄',
      '元に戻す',
      '編集欄に読み込む',
    ]) {
      expect(await t.hasButton(label)).toBe(false);
    }
    const inputs = await t.loader.getAllHarnesses(MatInputHarness);
    expect(
      await Promise.all(inputs.slice(0, 2).map((i) => i.isDisabled())),
    ).toEqual([true, true]);
    expect(await (await t.button('有効期限日')).isDisabled()).toBe(true);
    expect(t.text('preview-subject')).toBe('電子証明書更新のご案内');
    expect(tabLabels(t)).toEqual([
      'テンプレート',
      '送信履歴',
      '通知スケジュール',
    ]);
  });

  it('sends staff without the permission to 今すぐ実行 to /forbidden', async () => {
    await t.signIn('branch_staff');
    await t.open('/templates/runs');
    expect(t.url).toBe('/forbidden');
  });
});
