import { IbUser } from '../../customers/ib-user.entity';
import { ScheduleSettings } from '../schedule/notice-schedule.service';
import { mootReason } from './moot';
import { NoticeOutbox } from './notice-outbox.entity';

const settings: ScheduleSettings = {
  milestones: [30, 10],
  reissueReadyEnabled: true,
  policy: { renewalWindowDays: 30, selfServiceDaysAfterExpiry: 90 },
};
const row = (patch: Partial<NoticeOutbox> = {}) =>
  ({
    kind: 'renewal_reminder',
    milestone: 30,
    certificateId: 'c1',
    ...patch,
  }) as NoticeOutbox;
const user = (patch: Partial<IbUser> = {}) =>
  ({
    currentCertificateId: 'c1',
    currentExpiryDate: '2026-12-31',
    currentRevoked: false,
    reissueState: null,
    ...patch,
  }) as IbUser;

describe('mootReason', () => {
  it('lets a notice go while its milestone is the one due', () => {
    expect(mootReason(row(), user(), settings, '2026-12-01')).toBeNull();
    expect(mootReason(row(), user(), settings, '2026-12-20')).toBeNull(); // d = 11
  });

  it.each([
    [
      'renewed',
      row(),
      user({ currentCertificateId: 'c2' }),
      '2026-12-01',
      /更新（または再発行）済み/,
    ],
    ['revoked', row(), user({ currentRevoked: true }), '2026-12-01', /失効/],
    [
      'removed (解約・削除), even before its certificate is revoked',
      row(),
      user({ status: 'removed' }),
      '2026-12-01',
      /解約または利用者の削除/,
    ],
    [
      'removed, a reissue-ready mail',
      row({ kind: 'reissue_ready', milestone: null }),
      user({ status: 'removed', reissueState: 'authorized' }),
      '2026-12-01',
      /解約または利用者の削除/,
    ],
    [
      'reissue under way',
      row(),
      user({ reissueState: 'pending' }),
      '2026-12-01',
      /再発行の手続き中/,
    ],
    [
      'the 10-day mail is due now',
      row(),
      user(),
      '2026-12-21',
      /より新しい通知（有効期限の10日前）/,
    ],
    [
      'expired',
      row({ milestone: 10 }),
      user(),
      '2027-01-01',
      /通知する期間を過ぎた/,
    ],
    [
      'taken off the schedule',
      row({ milestone: 20 }),
      user(),
      '2026-12-15',
      /通知スケジュールから外された/,
    ],
    [
      'reissue no longer authorized',
      row({ kind: 'reissue_ready', milestone: null, certificateId: null }),
      user(),
      '2026-12-01',
      /再発行の取得期間/,
    ],
  ])('cancels when %s', (_what, r, u, today, reason) => {
    expect(mootReason(r, u, settings, today)).toMatch(reason);
  });

  it('sends a reissue notice while authorized, unless switched off', () => {
    const reissue = row({
      kind: 'reissue_ready',
      milestone: null,
      certificateId: null,
    });
    expect(
      mootReason(
        reissue,
        user({ reissueState: 'authorized' }),
        settings,
        '2026-12-01',
      ),
    ).toBeNull();
    expect(
      mootReason(
        reissue,
        user({ reissueState: 'authorized' }),
        { ...settings, reissueReadyEnabled: false },
        '2026-12-01',
      ),
    ).toMatch(/送信しない設定/);
  });
});
