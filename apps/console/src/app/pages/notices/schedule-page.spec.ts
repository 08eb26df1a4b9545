import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { eachTest, flushApiError } from '../../../testing/http';
import { noticeSchedule } from '../../../testing/notices.fixture';
import { NoticesTest } from './notices.testing';
import { milestoneOf } from './schedule-page';

describe('milestoneOf', () => {
  it.each([
    ['20', 'before', 20],
    [' 1 ', 'after', -1],
    ['', 'on', 0],
    ['0', 'before', null],
    ['2.5', 'before', null],
    ['abc', 'after', null],
    ['', 'before', null],
  ] as const)('%j %s → %s', (days, side, expected) => {
    expect(milestoneOf(days, side)).toBe(expected);
  });
});

describe('SchedulePage / 通知スケジュール', () => {
  const t = eachTest(() => new NoticesTest());

  async function open(schedule = noticeSchedule()): Promise<void> {
    await t.open('/templates/schedule');
    await t.answer('GET', '/api/notice-schedule', schedule);
  }

  const rows = () =>
    Array.from(t.element.querySelectorAll('[aria-label="通知日"] > li')).map(
      (li) =>
        Array.from(li.querySelectorAll(':scope > span')).map((s) =>
          s.textContent?.trim(),
        ),
    );
  const checkbox = (label: RegExp) =>
    t.loader.getHarness(MatCheckboxHarness.with({ label }));

  async function addMilestone(days: string, side?: string): Promise<void> {
    if (side) {
      const select = await t.loader.getHarness(MatSelectHarness);
      await select.open();
      await select.clickOptions({ text: side });
    }
    const input = await t.loader.getHarness(MatInputHarness);
    if (!(await input.isDisabled())) await input.setValue(days);
    await (await t.button('通知日を追加')).click();
    await t.rendered();
  }

  it('shows the milestones with their mails, the options and the daily run', async () => {
    await t.signIn('manager');
    await open(
      noticeSchedule({
        updatedAt: '2026-11-30T01:00:00.000Z',
        updatedBy: 'manager-1001',
      }),
    );
    expect(t.element.textContent).toContain('毎日 06:00（日本時間）');
    expect(rows()).toEqual([
      ['有効期限の30日前', '電子証明書更新のご案内'],
      ['有効期限の10日前', '電子証明書更新のご案内'],
    ]);
    expect(
      await (
        await checkbox(
          /有効期限の1日後に「電子証明書有効期限切れのご案内」を送る/,
        )
      ).isChecked(),
    ).toBe(false);
    expect(
      await (
        await checkbox(/有効期限の80日後に「電子証明書取得期限のご案内」を送る/)
      ).isChecked(),
    ).toBe(false);
    expect(await (await checkbox(/再発行の承認時に/)).isChecked()).toBe(true);
    expect(await (await t.button('保存')).isDisabled()).toBe(true);
    expect(t.element.textContent).toContain(
      '最終更新: 2026/11/30 10:00 manager-1001',
    );
  });

  it('adds a day and a post-expiry mail and saves them', async () => {
    await t.signIn('manager');
    await open();
    await addMilestone('20');
    await (await checkbox(/有効期限の1日後に/)).check();
    await t.rendered();
    expect(rows()).toEqual([
      ['有効期限の30日前', '電子証明書更新のご案内'],
      ['有効期限の20日前', '電子証明書更新のご案内'],
      ['有効期限の10日前', '電子証明書更新のご案内'],
      ['有効期限の1日後', '電子証明書有効期限切れのご案内'],
    ]);
    await (await t.button('保存')).click();
    const saved = noticeSchedule({
      milestones: [30, 20, 10, -1],
      updatedAt: '2026-12-01T00:00:00.000Z',
      updatedBy: 'manager-1001',
    });
    const put = await t.answer('PUT', '/api/notice-schedule', saved);
    expect(put.request.body).toEqual({
      milestones: [30, 20, 10, -1],
      reissueReadyEnabled: true,
    });
    expect(await t.snackBar()).toBe('通知スケジュールを保存しました');
    expect(await (await t.button('保存')).isDisabled()).toBe(true);
  });

  it('removes a day, adds 当日, and can go back to what was saved', async () => {
    await t.signIn('manager');
    await open();
    await (await t.button('削除')).click(); // the first: 30日前
    await addMilestone('', '当日');
    expect(rows().map((r) => r[0])).toEqual([
      '有効期限の10日前',
      '有効期限日当日',
    ]);
    await (await t.button('元に戻す')).click();
    await t.rendered();
    expect(rows().map((r) => r[0])).toEqual([
      '有効期限の30日前',
      '有効期限の10日前',
    ]);
  });

  it('refuses what is not a number of days before asking the API', async () => {
    await t.signIn('manager');
    await open();
    await addMilestone('abc');
    expect(t.element.querySelector('.cd-add-error')?.textContent).toBe(
      '日数は1以上の整数で入力してください',
    );
    expect(rows()).toHaveLength(2);
  });

  it('shows the API’s reasons under the list', async () => {
    await t.signIn('manager');
    await open();
    await addMilestone('45');
    await addMilestone('10');
    await (await t.button('保存')).click();
    await t.rendered();
    const put = t.request('PUT', '/api/notice-schedule');
    expect(put.request.body.milestones).toEqual([45, 30, 10, 10]);
    flushApiError(put, 400, '通知日の設定に誤りがあります', [
      {
        field: 'milestones',
        reason:
          '通知日「有効期限の45日前」は更新期間（有効期限の30日前から）より前のため指定できません。',
      },
      {
        field: 'milestones',
        reason: '通知日「有効期限の10日前」が重複しています。',
      },
    ]);
    await t.rendered();
    const errors = t.element.querySelector('[data-testid="milestone-errors"]');
    expect(
      Array.from(errors?.querySelectorAll('li') ?? []).map(
        (li) => li.textContent,
      ),
    ).toEqual([
      '通知日「有効期限の45日前」は更新期間（有効期限の30日前から）より前のため指定できません。',
      '通知日「有効期限の10日前」が重複しています。',
    ]);
    expect(errors?.getAttribute('role')).toBe('alert');
    expect(t.element.querySelectorAll('.cd-alert-error')).toHaveLength(0);
    // Changing the list again clears the reasons.
    await (await t.loader.getAllHarnesses(MatCheckboxHarness))[0].check();
    await t.rendered();
    expect(
      t.element.querySelector('[data-testid="milestone-errors"]'),
    ).toBeNull();
  });

  it('shows the schedule read-only to staff who may not change it', async () => {
    await t.signIn('compliance');
    await open();
    expect(t.element.textContent).toContain(
      '通知スケジュールの変更は役席が行います',
    );
    expect(await t.hasButton('保存')).toBe(false);
    expect(await t.hasButton('削除')).toBe(false);
    expect(await t.hasButton('通知日を追加')).toBe(false);
    const boxes = await t.loader.getAllHarnesses(MatCheckboxHarness);
    expect(await Promise.all(boxes.map((b) => b.isDisabled()))).toEqual([
      true,
      true,
      true,
    ]);
  });
});
