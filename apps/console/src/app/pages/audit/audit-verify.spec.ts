import { MatButtonHarness } from '@angular/material/button/testing';
import { AuditPageTest } from './audit-page.testing';

describe('AuditPage / 監査ログ: チェーン検証', () => {
  let t: AuditPageTest;

  beforeEach(() => {
    t = new AuditPageTest();
  });

  afterEach(() => t.http.verify());

  async function verify(body: object): Promise<string> {
    await t.open('/audit');
    await t.answer(t.listRequest(), { items: [], nextCursor: null });
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: 'チェーン検証' }))
    ).click();
    t.http.expectOne('/api/audit/verify').flush(body);
    await t.rendered();
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
});
