import { MatTableHarness } from '@angular/material/table/testing';
import { MatTabNavBarHarness } from '@angular/material/tabs/testing';
import type { ReissueView } from '@certdesk/contracts';
import { eachTest, flushApiError } from '../../../testing/http';
import { approvedView, reissueView } from '../../../testing/reissues.fixture';
import { ReissuesTest } from './reissues-page.testing';

const BY_BRANCH = reissueView();
const OLDER = reissueView({
  id: 'r-2',
  reason: 'other',
  reasonText: '代表者の交代',
  requestedAt: '2026-11-29T01:00:00.000Z',
  waitingHours: 56,
  customer: { ...BY_BRANCH.customer, companyName: '株式会社鈴木工業' },
  ibUser: {
    ...BY_BRANCH.ibUser,
    id: 'user-2',
    loginId: '0000000002U1',
    ibRole: 'user',
    name: '鈴木 花子',
  },
});
const BY_MANAGER = reissueView({
  id: 'r-own',
  requestedBy: { id: 'staff-manager', name: 'デモ 役席' },
  waitingHours: 0,
});

describe('ReissuesPage / 再発行: the queue and its filters', () => {
  const t = eachTest(() => new ReissuesTest());

  async function rows(): Promise<Record<string, string>[]> {
    const table = await t.loader.getHarness(MatTableHarness);
    return table
      .getCellTextByColumnName()
      .then((cols) =>
        (cols['requestedAt']?.text ?? []).map((_, i) =>
          Object.fromEntries(
            Object.entries(cols).map(([name, col]) => [name, col.text[i]]),
          ),
        ),
      );
  }

  const progress = () => t.element.querySelector('mat-progress-bar') !== null;

  const activeTab = async () =>
    (
      await (await t.loader.getHarness(MatTabNavBarHarness)).getActiveLink()
    ).getLabel();

  it('opens on 承認待ち: oldest first, who asked, why, the current status and how long it has waited', async () => {
    await t.signIn('branch_staff');
    await t.open('/reissues');
    expect(await t.answerList([OLDER, BY_BRANCH])).toEqual({
      status: 'pending',
    });
    expect(await activeTab()).toBe('承認待ち（2）');
    expect(await t.headers()).toEqual([
      '受付日時',
      '会社名 / 契約者番号',
      '利用者',
      '理由',
      '依頼者',
      '現在の状態',
      '待ち時間',
      '操作',
    ]);
    const [older, latest] = await rows();
    expect(older).toMatchObject({
      requestedAt: '2026/11/29 10:00',
      customer: '株式会社鈴木工業 0000000001・店番 001',
      user: '利用者 鈴木 花子 0000000002U1',
      reason: 'その他（代表者の交代）',
      requester: 'デモ 営業店',
      current: '再発行承認待ち',
      waiting: '2日',
    });
    expect(latest).toMatchObject({
      requestedAt: '2026/12/01 06:00',
      reason: '有効期限から90日超過',
      waiting: '3時間',
    });
  });

  it('keeps the filter in the URL: すべて, 却下, and back to 承認待ち', async () => {
    await t.signIn('manager');
    await t.open('/reissues');
    await t.answerList([BY_BRANCH]);
    const tabs = await t.loader.getHarness(MatTabNavBarHarness);
    expect(
      await Promise.all((await tabs.getLinks()).map((l) => l.getLabel())),
    ).toEqual([
      '承認待ち（1）',
      '承認済（取得待ち）',
      '取得済',
      '期限切れ（未取得）',
      '却下',
      '取消',
      'すべて',
    ]);

    await tabs.clickLink({ label: 'すべて' });
    await t.rendered();
    expect(t.url).toBe('/reissues?status=all');
    // Another tab starts empty, without the count, while it is read.
    expect(progress()).toBe(true);
    expect(t.element.querySelector('.cd-empty')?.textContent?.trim()).toBe(
      '読み込んでいます…',
    );
    expect(await (await tabs.getLinks())[0].getLabel()).toBe('承認待ち');
    const rejected = approvedView({ id: 'r-9', status: 'rejected' });
    expect(await t.answerList([rejected, BY_BRANCH], 1)).toEqual({});
    expect(await activeTab()).toBe('すべて');
    expect(progress()).toBe(false);
    const [first] = await rows();
    expect(first['requestStatus']).toBe('却下デモ 役席');
    expect(first['waiting']).toBeUndefined();
    expect(first['actions']).toBe('');

    await tabs.clickLink({ label: /承認待ち/ });
    await t.rendered();
    expect(t.url).toBe('/reissues');
    expect(await t.answerList([BY_BRANCH])).toEqual({ status: 'pending' });
  });

  it.each([
    ['/reissues?status=rejected', 'rejected', '却下'],
    ['/reissues?status=nonsense', 'pending', '承認待ち（0）'],
  ])('opened at %s, asks for %s', async (url, status, tab) => {
    await t.signIn('branch_staff');
    await t.open(url);
    expect(await t.answerList([], 0)).toEqual({ status });
    expect(await activeTab()).toBe(tab);
    expect(t.element.querySelector('.cd-empty')?.textContent?.trim()).toBe(
      `「${status === 'pending' ? '承認待ち' : '却下'}」の依頼はありません`,
    );
  });

  it('opens a request from its row', async () => {
    await t.signIn('branch_staff');
    await t.open('/reissues');
    await t.answerList([BY_BRANCH]);
    t.row('r-1').querySelector<HTMLElement>('td.mat-column-reason')?.click();
    await t.rendered();
    expect(t.url).toBe('/reissues/r-1');
    t.http.expectOne('/api/reissues/r-1').flush(BY_BRANCH);
    await t.rendered();
  });

  it('shows the API message when the list cannot be read', async () => {
    await t.signIn('branch_staff');
    await t.open('/reissues');
    flushApiError(t.listRequests()[0], 500, 'サーバーでエラーが発生しました');
    await t.rendered();
    expect(t.element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'サーバーでエラーが発生しました',
    );
  });
});

describe('ReissuesPage / 再発行: deciding and withdrawing', () => {
  const t = eachTest(() => new ReissuesTest());

  const actionsOf = (id: string) =>
    t
      .row(id)
      .querySelector('.cd-row-actions')
      ?.textContent?.replace(/\s+/g, ' ')
      .trim();

  async function queue(role: 'manager' | 'branch_staff', items: ReissueView[]) {
    await t.signIn(role);
    await t.open('/reissues');
    await t.answerList(items);
  }

  it('lets a manager approve with a comment; the queue and the badge are asked again', async () => {
    await queue('manager', [BY_BRANCH]);
    await (await t.button('承認')).click();
    const dialog = await t.dialog();
    expect(await dialog.getTitleText()).toBe('再発行を承認');
    expect(await dialog.getText()).toContain('デモ 営業店');
    await t.comment('依頼書・届出印を確認');
    await t.confirm('承認する');
    const req = t.http.expectOne({
      method: 'POST',
      url: '/api/reissues/r-1/approve',
    });
    expect(req.request.body).toEqual({ comment: '依頼書・届出印を確認' });
    req.flush(approvedView());
    await t.rendered();
    // The same tab keeps its rows while it is read again.
    expect(t.element.querySelector('mat-progress-bar')).not.toBeNull();
    expect(t.row('r-1').textContent).toContain('株式会社山田商事');
    // The list again, and the navigation badge's count.
    expect(await t.answerAll([])).toBe(2);
    expect(t.element.querySelector('mat-progress-bar')).toBeNull();
    expect(await t.snackBar()).toBe(
      '再発行を承認しました。お客さまはログオン画面の「電子証明書取得」から2027年2月18日(木)まで取得できます',
    );
    expect(t.element.querySelector('.cd-empty')?.textContent?.trim()).toBe(
      '「承認待ち」の依頼はありません',
    );
  });

  it('needs a comment to reject', async () => {
    await queue('manager', [BY_BRANCH]);
    await (await t.button('却下')).click();
    await t.confirm('却下する');
    t.http.expectNone('/api/reissues/r-1/reject');
    expect(await (await t.dialog()).getText()).toContain(
      '却下の理由をコメントに入力してください',
    );
    await t.comment('依頼書の印影が届出印と異なる');
    await t.confirm('却下する');
    const req = t.http.expectOne('/api/reissues/r-1/reject');
    expect(req.request.body).toEqual({
      comment: '依頼書の印影が届出印と異なる',
    });
    req.flush(approvedView({ status: 'rejected', authorizedUntil: null }));
    await t.rendered();
    await t.answerAll([]);
    expect(await t.snackBar()).toBe('再発行の依頼を却下しました');
  });

  it("hides 承認/却下 on the manager's own request, who may withdraw it instead", async () => {
    await queue('manager', [BY_MANAGER, BY_BRANCH]);
    expect(actionsOf('r-own')).toBe('ご自身の依頼取消');
    expect(actionsOf('r-1')).toBe('承認 却下');
    expect(await t.buttons('承認')).toHaveLength(1);
  });

  it("shows the server's refusal in the dialog (own request by another session)", async () => {
    await queue('manager', [BY_BRANCH]);
    await (await t.button('承認')).click();
    await t.confirm('承認する');
    flushApiError(
      t.http.expectOne('/api/reissues/r-1/approve'),
      403,
      'ご自身が依頼した再発行は承認・却下できません。別の役席が処理してください',
    );
    await t.rendered();
    expect(await (await t.dialog()).getText()).toContain(
      'ご自身が依頼した再発行は承認・却下できません。別の役席が処理してください',
    );
    await t.confirm('キャンセル');
    // Closed without a decision: only the badge asks again.
    expect(await t.answerAll([BY_BRANCH])).toBe(1);
  });

  it('lets branch staff withdraw their own request, and decide nothing', async () => {
    const other = reissueView({
      id: 'r-3',
      requestedBy: { id: 'staff-x', name: '佐藤 花子' },
    });
    await queue('branch_staff', [BY_BRANCH, other]);
    expect(actionsOf('r-3')).toBe('');
    expect(await t.buttons('承認')).toHaveLength(0);
    await (await t.button('取消')).click();
    expect(await (await t.dialog()).getTitleText()).toBe(
      '再発行の依頼を取り消しますか',
    );
    await t.confirm('取り消す');
    t.http
      .expectOne({ method: 'POST', url: '/api/reissues/r-1/cancel' })
      .flush({ ...BY_BRANCH, status: 'cancelled' });
    await t.rendered();
    // Branch staff have no badge: only the queue asks again.
    expect(await t.answerAll([other])).toBe(1);
    expect(await t.snackBar()).toBe('再発行の依頼を取り消しました');
  });
});
