import {
  daysBetween,
  describeMilestone,
  milestoneForDay,
} from '@certdesk/domain';
import { IbUser } from '../../customers/ib-user.entity';
import { ScheduleSettings } from '../schedule/notice-schedule.service';
import { NoticeOutbox } from './notice-outbox.entity';

/**
 * Why a queued notice must not go out any more (in Japanese, for the delivery log), or null when
 * it still should: the IB user was removed (or the contract closed), the certificate was renewed, superseded or revoked, a reissue is under way, the
 * milestone left the schedule, or its window has passed (a newer milestone is due, or none).
 */
export function mootReason(
  row: NoticeOutbox,
  ibUser: IbUser,
  settings: ScheduleSettings,
  today: string,
): string | null {
  if (ibUser.status === 'removed')
    return 'ご契約の解約または利用者の削除により送信しません';
  if (row.kind === 'reissue_ready') {
    if (!settings.reissueReadyEnabled)
      return '再発行完了のご案内は送信しない設定のため送信しません';
    return ibUser.reissueState === 'authorized'
      ? null
      : '再発行の取得期間が終了したか、既に取得済みのため送信しません';
  }
  if (ibUser.currentCertificateId !== row.certificateId)
    return '電子証明書が更新（または再発行）済みのため送信しません';
  if (ibUser.currentRevoked) return '電子証明書が失効しているため送信しません';
  if (ibUser.reissueState) return '再発行の手続き中のため送信しません';
  if (row.milestone === null || !ibUser.currentExpiryDate)
    return '通知の対象ではなくなったため送信しません';
  if (!settings.milestones.includes(row.milestone))
    return 'この通知日が通知スケジュールから外されたため送信しません';
  const due = milestoneForDay(
    daysBetween(today, ibUser.currentExpiryDate),
    settings.milestones,
    settings.policy,
  );
  if (due === row.milestone) return null;
  return due === null
    ? '通知する期間を過ぎたため送信しません'
    : `より新しい通知（${describeMilestone(due)}）の時期になったため送信しません`;
}
