import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { eachTest, flushApiError, params, settle } from '../../../testing/http';
import { searchItem } from '../../../testing/certificates.fixture';
import {
  templateDetail,
  templateDiff,
  templatePreview,
} from '../../../testing/notices.fixture';
import { NoticesTest } from './notices.testing';

const URL = '/api/notice-templates/renewal_reminder';

describe('TemplateEditorPage / テンプレートの編集 (manager)', () => {
  const t = eachTest(() => new NoticesTest());
  beforeEach(() => t.signIn('manager'));

  /** Opens the editor on `detail` and answers its first preview (and diff, with a draft). */
  async function openEditor(detail = templateDetail()): Promise<void> {
    await t.open('/templates/renewal_reminder');
    await t.answer('GET', URL, detail);
    if (detail.draft) await t.answer('GET', `${URL}/diff`, templateDiff());
    await t.answer('POST', `${URL}/preview`, templatePreview());
  }

  const field = (label: string) =>
    t.loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  async function input(label: string): Promise<MatInputHarness> {
    return (await (
      await field(label)
    ).getControl(MatInputHarness)) as MatInputHarness;
  }
  const lines = (testId: string) =>
    Array.from(
      t.element.querySelectorAll(`[data-testid="${testId}"] > div`),
    ).map((d) => d.textContent?.trim());
  const unsaved = () => t.element.querySelector('.cd-unsaved') !== null;
  const textarea = () =>
    t.element.querySelector('textarea') as HTMLTextAreaElement;

  it('puts the draft in the form and previews it with sample data', async () => {
    await t.open('/templates/renewal_reminder');
    await t.answer(
      'GET',
      URL,
      templateDetail({ subject: '【重要】電子証明書更新のご案内' }),
    );
    await t.answer('GET', `${URL}/diff`, templateDiff());
    const preview = t.request('POST', `${URL}/preview`);
    expect(preview.request.body).toEqual({
      subject: '【重要】電子証明書更新のご案内',
      body: templateDetail().published.body,
    });
    preview.flush(
      templatePreview({ subject: '【重要】電子証明書更新のご案内' }),
    );
    await t.rendered();

    expect(t.element.querySelector('h1')?.textContent).toBe(
      '電子証明書更新のご案内（メール）',
    );
    expect(await (await input('件名')).getValue()).toBe(
      '【重要】電子証明書更新のご案内',
    );
    expect(t.text('template-status')).toBe(
      '公開中: 第1版（初期設定・2026/12/01 09:00）／下書き: 第2版（manager-1001・2026/12/01 10:30 保存）',
    );
    expect(t.text('preview-subject')).toBe('【重要】電子証明書更新のご案内');
    expect(t.text('preview-recipient')).toBe(
      '（サンプルデータのため宛先はありません）',
    );
    expect(t.text('preview-text')).toContain('有効期限日: 2026年12月11日(金)');
    // The palette shows the preview's values, dates the Japanese way.
    expect(t.element.querySelector('.cd-palette')?.textContent).toContain(
      '2026年12月11日(金)',
    );
    expect(lines('diff-subject')).toEqual([
      '− 電子証明書更新のご案内',
      '+ 【重要】電子証明書更新のご案内',
    ]);
  });

  it('inserts a variable at the cursor and previews the edited text', async () => {
    await openEditor();
    const body = textarea();
    body.focus();
    body.setSelectionRange(0, 0);
    await (await t.button('有効期限日')).click();
    await t.rendered();
    expect(
      body.value.startsWith('{{ expiryDate | jdate }}{{ companyName }}'),
    ).toBe(true);
    expect(body.selectionStart).toBe('{{ expiryDate | jdate }}'.length);
    const preview = t.request('POST', `${URL}/preview`);
    expect(preview.request.body.body).toBe(body.value);
    preview.flush(templatePreview());
    await t.rendered();
    expect(unsaved()).toBe(true);
  });

  it('shows the live preview’s problems under their field', async () => {
    await openEditor();
    await (await input('本文')).setValue('{{ nope }}');
    await t.answer(
      'POST',
      `${URL}/preview`,
      templatePreview({
        subject: '',
        text: '',
        problems: [{ field: 'body', reason: '変数「nope」はありません' }],
      }),
    );
    expect(await (await field('本文')).getTextErrors()).toEqual([
      '変数「nope」はありません',
    ]);
    expect(t.element.textContent).toContain('この内容では保存できません');
  });

  it('previews with a real IB user found by the search', async () => {
    await openEditor();
    await (
      await t.loader.getHarness(MatRadioGroupHarness)
    ).checkRadioButton({ label: '実在の利用者' });
    await t.rendered();
    const search = await t.loader.getHarness(MatAutocompleteHarness);
    await search.enterText('0000000001A0');
    await t.rendered();
    const found = t.http.expectOne((req) => req.url === '/api/certificates');
    expect(params(found)).toEqual({ limit: '50', q: '0000000001A0' });
    found.flush({
      items: [searchItem(1)],
      nextCursor: null,
      today: '2026-12-01',
    });
    await t.rendered();
    await search.selectOption({ text: /株式会社山田商事1 山田 太郎/ });
    await t.rendered();
    const preview = t.request('POST', `${URL}/preview`);
    expect(preview.request.body.ibUserId).toBe('user-1');
    preview.flush(
      templatePreview({
        sample: false,
        recipient: 'taro@yamada.example.jp',
        problems: [],
      }),
    );
    await t.rendered();
    expect(t.text('preview-target')).toBe(
      '株式会社山田商事1 山田 太郎（0000000001A0）',
    );
    expect(t.text('preview-recipient')).toBe('taro@yamada.example.jp');
  });

  it('saves a draft; a refusal shows the API’s reason under the field', async () => {
    await openEditor();
    expect(await (await t.button('下書きを保存')).isDisabled()).toBe(true);
    await (await input('件名')).setValue('一行目');
    await t.answer('POST', `${URL}/preview`, templatePreview());
    await (await t.button('下書きを保存')).click();
    await t.rendered();
    const refused = t.request('PUT', `${URL}/draft`);
    expect(refused.request.body).toEqual({
      subject: '一行目',
      body: templateDetail().published.body,
    });
    flushApiError(
      refused,
      400,
      'テンプレートを保存できません: 件名は1行で入力してください',
      [{ field: 'subject', reason: '件名は1行で入力してください' }],
    );
    await t.rendered();
    expect(await (await field('件名')).getTextErrors()).toEqual([
      '件名は1行で入力してください',
    ]);
    expect(t.element.querySelector('[role="alert"].cd-alert')).toBeNull();

    await (await t.button('下書きを保存')).click();
    await t.rendered();
    await t.answer(
      'PUT',
      `${URL}/draft`,
      templateDetail({ subject: '一行目' }),
    );
    await t.answer('GET', `${URL}/diff`, templateDiff());
    expect(await t.snackBar()).toBe('下書きを保存しました（第2版）');
    expect(t.text('template-status')).toContain('下書き: 第2版');
    expect(unsaved()).toBe(false);
  });

  it('publishes the saved draft after asking, and only when nothing is unsaved', async () => {
    await openEditor(templateDetail({ subject: '新しい件名' }));
    await (await input('件名')).setValue('さらに変更');
    await t.answer('POST', `${URL}/preview`, templatePreview());
    expect(await (await t.button('公開する')).isDisabled()).toBe(true);
    expect(t.element.textContent).toContain(
      '公開するには、先に下書きを保存してください',
    );
    await (await t.button('元に戻す')).click();
    await t.answer('POST', `${URL}/preview`, templatePreview());
    expect(await (await input('件名')).getValue()).toBe('新しい件名');

    await (await t.button('公開する')).click();
    await t.rendered();
    await t.confirm('公開する');
    const published = templateDetail(null, {
      published: {
        ...templateDetail().published,
        id: 'v2',
        version: 2,
        subject: '新しい件名',
        publishedBy: 'manager-1001',
      },
    });
    await t.answer('POST', `${URL}/publish`, published);
    expect(await t.snackBar()).toBe('第2版を公開しました');
    expect(t.text('template-status')).toMatch(/^公開中: 第2版（manager-1001/);
    expect(await t.hasButton('下書きを破棄')).toBe(false);
  });

  it('discards the draft and shows the version in use again', async () => {
    await openEditor(templateDetail({ subject: '下書きの件名' }));
    await (await t.button('下書きを破棄')).click();
    await t.rendered();
    await t.confirm('破棄する');
    await t.answer('DELETE', `${URL}/draft`, templateDetail());
    await t.answer('POST', `${URL}/preview`, templatePreview());
    expect(await (await input('件名')).getValue()).toBe(
      '電子証明書更新のご案内',
    );
    expect(await t.snackBar()).toBe('下書きを破棄しました');
  });

  it('lists the versions and loads an earlier one into the editor', async () => {
    await openEditor(templateDetail({ subject: '下書きの件名' }));
    const tabs = await t.loader.getHarness(MatTabGroupHarness);
    await tabs.selectTab({ label: '版の履歴' });
    await t.rendered();
    const items = Array.from(
      t.element.querySelectorAll('.cd-history-line'),
    ).map((line) =>
      Array.from(line.children).map((c) =>
        c.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(items).toEqual([
      [
        '第2版',
        '下書き',
        '作成 manager-1001・2026/12/01 10:30',
        '',
        '内容を表示',
      ],
      [
        '第1版',
        '公開中',
        '作成 初期設定・2026/12/01 09:00 ／公開 初期設定・2026/12/01 09:00',
        '',
        '内容を表示',
        '編集欄に読み込む',
      ],
    ]);
    await (await t.button('編集欄に読み込む')).click();
    await t.answer('POST', `${URL}/preview`, templatePreview());
    expect(await (await input('件名')).getValue()).toBe(
      '電子証明書更新のご案内',
    );
    expect(unsaved()).toBe(true);
  });

  it('asks before leaving unsaved text, and stays when told to', async () => {
    await openEditor();
    await (await input('件名')).setValue('未保存の件名');
    await t.answer('POST', `${URL}/preview`, templatePreview());
    const logTab = () =>
      Array.from(
        t.element.querySelectorAll<HTMLAnchorElement>('[mat-tab-link]'),
      ).find((a) => a.textContent?.trim() === '送信履歴');
    // The navigation waits for the answer (so does the fixture's stability): click, don't await it.
    const answer = async (button: string) => {
      logTab()?.click();
      await settle();
      Array.from(
        document.querySelectorAll<HTMLButtonElement>(
          'mat-dialog-container button',
        ),
      )
        .find((b) => b.textContent?.trim() === button)
        ?.click();
      await t.rendered();
    };
    await answer('キャンセル');
    expect(t.url).toBe('/templates/renewal_reminder');
    await answer('破棄して移動');
    expect(t.url).toBe('/templates/log');
    await t.answer('GET', '/api/notice-templates', []);
    await t.answer('GET', '/api/notice-schedule', null);
    await t.answer('GET', '/api/notices', { items: [], nextCursor: null });
  });
});
