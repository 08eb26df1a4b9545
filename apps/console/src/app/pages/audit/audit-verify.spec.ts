import { MatButtonHarness } from '@angular/material/button/testing';
import { AuditPageTest } from './audit-page.testing';
import { eachTest } from '../../../testing/http';

describe('AuditPage / 監査ログ: チェーン検証', () => {
  const t = eachTest(() => new AuditPageTest());

  async function verify(body: object): Promise<string> {
    await t.open('/audit');
    await t.answer(t.listRequest(), { items: [], nextCursor: null });
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: 'チェーン検証' }))
    ).click();
    t.http.expectOne('/api/audit/verify').flush(body);
    await t.rendered();
    t.answerLastVerification(); // the page reloads the last verification after a run
    const region = t.element.querySelector('[data-testid="verification"]');
    return `${region?.getAttribute('role')}: ${region?.textContent?.trim()}`;
  }

  it('reports an intact chain with the number of records checked', async () => {
    const shown = await verify({
      intact: true,
      checked: 1234,
      firstBroken: null,
      verifiedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(shown).toBe(
      'status: 改ざんは検出されませんでした（1,234件を検証） （2026/12/01 09:00:00 検証）',
    );
  });

  it('names the first broken record and why, in Japanese', async () => {
    const shown = await verify({
      intact: false,
      checked: 57,
      firstBroken: { seq: 57, id: 'a57', reason: 'link_mismatch' },
      verifiedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(shown).toContain(
      'alert: 第57番の記録で不整合を検出しました: 直前の記録とのつながり（ハッシュ連鎖）が一致しません',
    );
  });

  async function lastShown(): Promise<string> {
    await t.open('/audit');
    await t.answer(t.listRequest(), { items: [], nextCursor: null });
    const line = t.element.querySelector('[data-testid="last-verification"]');
    return `${line?.getAttribute('role')}: ${line?.textContent?.trim()}`;
  }

  it('shows the last daily verification and the last signed head when the page opens', async () => {
    t.lastVerification = {
      last: {
        intact: true,
        checked: 1234,
        firstBroken: null,
        headsChecked: 3,
        verifiedAt: '2026-12-05T15:30:00.000Z',
        scheduled: true,
      },
      lastHead: { seq: 1230, recordedAt: '2026-12-05T15:30:00.000Z' },
    };
    expect(await lastShown()).toBe(
      'status: 最終検証 2026/12/06 00:30:00（毎日の自動検証）: 改ざんは検出されませんでした（1,234件を検証）。 署名済みの最新記録: 第1,230番（2026/12/06 00:30:00 記録）',
    );
  });

  it('shows a truncated tail found by the daily verification as an alert', async () => {
    t.lastVerification = {
      last: {
        intact: false,
        checked: 1225,
        firstBroken: { seq: 1226, id: null, reason: 'truncated' },
        verifiedAt: '2026-12-05T15:30:00.000Z',
        scheduled: true,
      },
      lastHead: { seq: 1230, recordedAt: '2026-12-05T15:30:00.000Z' },
    };
    expect(await lastShown()).toContain(
      'alert: 最終検証 2026/12/06 00:30:00（毎日の自動検証）: 第1226番の記録で不整合を検出しました: 署名済みの記録より後ろが削除されています',
    );
  });

  it('says when the chain has never been verified', async () => {
    expect(await lastShown()).toBe(
      'status: まだ検証されていません（毎日自動で検証されます）。',
    );
  });
});
