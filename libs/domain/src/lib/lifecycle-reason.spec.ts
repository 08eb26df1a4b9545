import { addDays } from './jst-date';
import { lifecycleReason } from './lifecycle-reason';

const T = '2026-12-01';

describe('lifecycleReason', () => {
  it('explains a locked-out user with the days passed and the days left to acquire', () => {
    expect(lifecycleReason({ expiryDate: '2026-11-01' }, T)).toEqual({
      status: 'expired',
      reason:
        '有効期限（2026年11月1日(日)）から30日経過。ログオンできません。ログオン画面の「電子証明書取得」から再取得できます（あと60日）。',
    });
  });

  it.each([
    [
      31,
      'valid',
      '有効期限は2027年1月1日(金)です（あと31日）。有効期限の30日前から更新できます。',
    ],
    [
      30,
      'renewal_due',
      '有効期限（2026年12月31日(木)）まであと30日です。ログオン後の「重要なお知らせ」から更新できます。',
    ],
    [
      0,
      'renewal_due',
      '本日（2026年12月1日(火)）が有効期限日です。本日中にログオン後の「重要なお知らせ」から更新してください。',
    ],
    [
      -1,
      'expired',
      '有効期限（2026年11月30日(月)）から1日経過。ログオンできません。ログオン画面の「電子証明書取得」から再取得できます（あと89日）。',
    ],
    [
      -90,
      'expired',
      '有効期限（2026年9月2日(水)）から90日経過。ログオンできません。ログオン画面の「電子証明書取得」から再取得できます（本日まで）。',
    ],
    [
      -91,
      'reissue_required',
      '有効期限（2026年9月1日(火)）から91日経過し、再取得できる期間（90日）を過ぎています。当金庫での再発行処理が必要です。',
    ],
  ])('d = %i → %s', (d, status, reason) => {
    expect(lifecycleReason({ expiryDate: addDays(T, d) }, T)).toEqual({
      status,
      reason,
    });
  });

  it('uses the credit union policy in the sentence', () => {
    expect(
      lifecycleReason({ expiryDate: addDays(T, -100) }, T, {
        selfServiceDaysAfterExpiry: 180,
      }).reason,
    ).toContain('（あと80日）');
    expect(
      lifecycleReason({ expiryDate: addDays(T, -81) }, T, {
        selfServiceDaysAfterExpiry: 80,
      }).reason,
    ).toContain('再取得できる期間（80日）');
  });

  it.each([
    [{ expiryDate: null }, 'not_issued', '未取得'],
    [{ expiryDate: addDays(T, 100), revoked: true }, 'revoked', '失効'],
    [
      { expiryDate: addDays(T, -200), reissue: 'pending' as const },
      'reissue_pending',
      '承認待ち',
    ],
    [
      { expiryDate: null, reissue: 'authorized' as const },
      'reissue_authorized',
      '承認済み',
    ],
  ])('%o → %s', (input, status, word) => {
    const result = lifecycleReason(input, T);
    expect(result.status).toBe(status);
    expect(result.reason).toContain(word);
  });
});
