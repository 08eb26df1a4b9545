import type { ReissueView } from '@certdesk/contracts';
import { eachTest, flushApiError } from '../../../testing/http';
import { approvedView, reissueView } from '../../../testing/reissues.fixture';
import { ReissuesTest } from './reissues-page.testing';

describe('ReissueDetailPage / 再発行依頼 and its printable sheet', () => {
  const t = eachTest(() => new ReissuesTest());

  async function open(
    role: 'manager' | 'branch_staff',
    view: ReissueView,
  ): Promise<void> {
    await t.signIn(role);
    await t.open(`/reissues/${view.id}`);
    t.http.expectOne(`/api/reissues/${view.id}`).flush(view);
    await t.rendered();
  }

  const sheet = () => {
    const el = t.element.querySelector<HTMLElement>(
      '[data-testid="reissue-sheet"]',
    );
    if (!el) throw new Error('no sheet');
    return el;
  };
  const cell = (testId: string) =>
    sheet()
      .querySelector(`[data-testid="${testId}"]`)
      ?.textContent?.replace(/\s+/g, ' ')
      .trim();

  it('prints a sheet with the customer, the request and the 検印・担当 stamp boxes', async () => {
    await open('branch_staff', reissueView());
    const text = sheet().textContent ?? '';
    for (const expected of [
      'さくら信用金庫',
      '電子証明書再発行依頼 受付票',
      '株式会社山田商事',
      '0000000001',
      '001 本店営業部',
      '管理者 山田 太郎',
      '0000000001A0',
      '2026年8月1日(土)',
      '2026年12月1日(火)',
    ]) {
      expect(text).toContain(expected);
    }
    expect(cell('sheet-reason')).toBe('有効期限から90日超過');
    expect(cell('sheet-identity')).toBe(
      '届出印の照合（電子証明書再発行依頼書）',
    );
    expect(cell('sheet-requester')).toBe('デモ 営業店（2026/12/01 06:00:00）');
    expect(cell('sheet-decider')).toBe('未処理');
    expect(cell('sheet-status')).toBe('承認待ち');
    expect(cell('sheet-current-status')).toBe('再発行承認待ち');

    const stamps = sheet().querySelectorAll('[data-testid="stamp-box"]');
    expect(Array.from(stamps, (s) => s.textContent?.trim())).toEqual([
      '検印',
      '担当',
    ]);
    // The sheet alone is printed: the page's own controls are marked to stay on screen.
    const back = t.element.querySelector('a.cd-back');
    expect(back?.classList).toContain('cd-no-print');
    const printButton = await t.button('依頼書を印刷');
    expect(
      await (await printButton.host()).matchesSelector('.cd-no-print *'),
    ).toBe(true);

    const print = jest.spyOn(window, 'print').mockImplementation(() => {
      /* no print dialog in tests */
    });
    await printButton.click();
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('shows the approver, the comment and the last day to acquire once approved', async () => {
    await open('branch_staff', approvedView());
    expect(cell('sheet-status')).toBe('承認済（取得待ち）');
    expect(cell('sheet-decider')).toBe('デモ 役席（2026/12/01 09:30:00）');
    const text = sheet().textContent ?? '';
    expect(text).toContain('依頼書・届出印を確認');
    expect(text).toContain('2027年2月18日(木)まで');
    expect(await t.buttons('承認')).toHaveLength(0);
    expect(await t.buttons('依頼を取り消す')).toHaveLength(0);
  });

  it('lets a manager approve here; the sheet then shows the decision', async () => {
    await open('manager', reissueView());
    await (await t.button('承認')).click();
    await t.confirm('承認する');
    t.http.expectOne('/api/reissues/r-1/approve').flush(approvedView());
    await t.rendered();
    await t.answerAll([]); // the navigation badge
    expect(cell('sheet-status')).toBe('承認済（取得待ち）');
    expect(cell('sheet-current-status')).toBe('再発行済（取得待ち）');
    expect(await t.buttons('承認')).toHaveLength(0);
  });

  it('tells a manager that their own request is for another manager', async () => {
    await open(
      'manager',
      reissueView({ requestedBy: { id: 'staff-manager', name: 'デモ 役席' } }),
    );
    expect(await t.buttons('承認')).toHaveLength(0);
    expect(await t.buttons('却下')).toHaveLength(0);
    expect(
      t.element.querySelector('[data-testid="own-request"]')?.textContent,
    ).toContain('ご自身の依頼です');
    expect(await t.buttons('依頼を取り消す')).toHaveLength(1);
  });

  it('says so when the request does not exist', async () => {
    await t.signIn('branch_staff');
    await t.open('/reissues/nope');
    expect(
      t.element.querySelector('[role="status"]')?.textContent?.trim(),
    ).toBe('読み込み中…');
    flushApiError(
      t.http.expectOne('/api/reissues/nope'),
      404,
      '指定されたデータは見つかりません',
    );
    await t.rendered();
    expect(t.element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      '指定されたデータは見つかりません',
    );
  });
});
