import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDateRangeInputHarness } from '@angular/material/datepicker/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { NoticeDeliveryItem } from '@certdesk/contracts';
import { eachTest, params } from '../../../testing/http';
import {
  deliveryDetail,
  deliveryItem,
  deliveryPage,
  failedDelivery,
  noticeSchedule,
  templateSummaries,
} from '../../../testing/notices.fixture';
import { NoticesTest } from './notices.testing';

describe('DeliveryLogPage / 送信履歴', () => {
  const t = eachTest(() => new NoticesTest());

  /** Opens `url`, answers the filter options and the list; returns the list's query. */
  async function open(
    url: string,
    items: NoticeDeliveryItem[] = [deliveryItem(1), failedDelivery(2)],
    nextCursor: string | null = null,
  ): Promise<Record<string, string | null>> {
    await t.open(url);
    await t.answer('GET', '/api/notice-templates', templateSummaries());
    await t.answer(
      'GET',
      '/api/notice-schedule',
      noticeSchedule({ milestones: [30, 20, 10] }),
    );
    return answerList(items, nextCursor);
  }

  async function answerList(
    items: NoticeDeliveryItem[],
    nextCursor: string | null = null,
  ): Promise<Record<string, string | null>> {
    return params(
      await t.answer('GET', '/api/notices', deliveryPage(items, nextCursor)),
    );
  }

  const select = async (label: string) =>
    (await (
      await t.loader.getHarness(
        MatFormFieldHarness.with({ floatingLabelText: label }),
      )
    ).getControl(MatSelectHarness)) as MatSelectHarness;

  it('asks with the URL’s filters and shows them', async () => {
    await t.signIn('compliance');
    const query = await open(
      '/templates/log?status=failed&milestone=-1&kind=locked_out&from=2026-11-01&to=2026-11-30',
    );
    expect(query).toEqual({
      limit: '50',
      status: 'failed',
      kind: 'locked_out',
      milestone: '-1',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(await (await select('状態')).getValueText()).toBe('送信失敗');
    expect(await (await select('通知')).getValueText()).toBe(
      '電子証明書有効期限切れのご案内（メール）',
    );
    expect(await (await select('通知日')).getValueText()).toBe(
      '有効期限の1日後',
    );
  });

  it('offers the e-mail kinds and the schedule’s days, and puts the chosen filters in the URL', async () => {
    await t.signIn('manager');
    await open('/templates/log');
    const kind = await select('通知');
    await kind.open();
    expect((await kind.getOptions()).length).toBe(5); // すべて + the four e-mails
    await kind.close();
    const day = await select('通知日');
    await day.open();
    expect(
      await Promise.all((await day.getOptions()).map((o) => o.getText())),
    ).toEqual([
      'すべて',
      '有効期限の30日前',
      '有効期限の20日前',
      '有効期限の10日前',
      '有効期限の1日後',
      '有効期限の80日後',
    ]);
    await day.clickOptions({ text: '有効期限の20日前' });
    const status = await select('状態');
    await status.open();
    await status.clickOptions({ text: '送信済み' });
    const period = await t.loader.getHarness(MatDateRangeInputHarness);
    await (await period.getStartInput()).setValue('2026/11/01');
    await (await period.getEndInput()).setValue('2026/11/30');
    await (await t.button('検索')).click();
    await t.rendered();
    expect(t.url).toBe(
      '/templates/log?status=sent&milestone=20&from=2026-11-01&to=2026-11-30',
    );
    expect(await answerList([])).toEqual({
      limit: '50',
      status: 'sent',
      milestone: '20',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(t.element.textContent).toContain('条件に合う通知はありません');
  });

  it('shows each notice: date, kind and milestone, customer, address, expiry, state and reason, sent at', async () => {
    await t.signIn('manager');
    await open('/templates/log');
    const [sent, failed] = (await t.cells()).map((row) =>
      row.map((cell) => cell.replace(/\s+/g, ' ')),
    );
    expect(sent).toEqual([
      '2026年12月1日(火)',
      '電子証明書更新のご案内（メール） 有効期限の10日前 ・第1版',
      '株式会社山田商事管理者 山田 太郎・0000000001',
      'user1@c0000000001.example.jp',
      '2026年12月11日(金)',
      '送信済み',
      '2026/12/01 09:00',
      '内容',
    ]);
    expect(failed.slice(5)).toEqual([
      '送信失敗メールサーバーが宛先を拒否しました送信試行 5回',
      '—',
      '内容 再送',
    ]);
  });

  it('resends a failed notice for a manager and reads the page again', async () => {
    await t.signIn('manager');
    await open('/templates/log?status=failed');
    const row = await t.loader.getHarness(
      MatButtonHarness.with({ text: '再送' }),
    );
    await row.click();
    const resend = await t.answer(
      'POST',
      '/api/notices/notice-2/resend',
      deliveryDetail(failedDelivery(2)),
    );
    expect(resend.request.body).toBeNull();
    expect(await t.snackBar()).toBe(
      '山田 太郎 様への通知を再送します（送信待ち）',
    );
    expect(await answerList([])).toEqual({ limit: '50', status: 'failed' });
  });

  it('says why a resend was refused', async () => {
    await t.signIn('manager');
    await open('/templates/log');
    await (await t.button('再送')).click();
    await t.refuse(
      'POST',
      '/api/notices/notice-2/resend',
      409,
      '送信に失敗した通知のみ再送できます（この通知は「送信済み」です）',
    );
    expect(await t.snackBar()).toBe(
      '送信に失敗した通知のみ再送できます（この通知は「送信済み」です）',
    );
  });

  it('offers no resend to those who may not run notices', async () => {
    await t.signIn('branch_staff');
    await open('/templates/log');
    expect(await t.hasButton('再送')).toBe(false);
  });

  it('shows the exact text sent', async () => {
    await t.signIn('branch_staff');
    await open('/templates/log');
    await (
      await t.loader.getAllHarnesses(MatButtonHarness.with({ text: '内容' }))
    )[0].click();
    await t.answer(
      'GET',
      '/api/notices/notice-1',
      deliveryDetail(deliveryItem(1)),
    );
    const dialog = await t.root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe(
      '電子証明書更新のご案内（メール）',
    );
    const sent = document.querySelector('[data-testid="sent-text"]');
    expect(sent?.textContent).toBe('株式会社山田商事\n山田 太郎 様');
    expect(await dialog.getContentText()).toContain('250 OK');
    await dialog.close();
  });

  it('pages forward through the URL’s cursor', async () => {
    await t.signIn('manager');
    await open('/templates/log?status=sent', [deliveryItem(1)], 'c2');
    expect(await (await t.button('前へ')).isDisabled()).toBe(true);
    await (await t.button('次へ')).click();
    await t.rendered();
    expect(t.url).toBe('/templates/log?status=sent&cursor=c2');
    expect(await answerList([deliveryItem(3)])).toEqual({
      limit: '50',
      status: 'sent',
      cursor: 'c2',
    });
    expect(await (await t.button('前へ')).isDisabled()).toBe(false);
  });
});
