import type { LifecycleInput } from '@certdesk/domain';
import type { IbUser } from './ib-user.entity';

/** An IB user's lifecycle input as the row mirrors its current certificate (libs/domain lifecycleStatus). */
export function lifecycleInputOf(
  u: Pick<IbUser, 'currentExpiryDate' | 'currentRevoked' | 'reissueState'>,
): LifecycleInput {
  return {
    expiryDate: u.currentExpiryDate,
    revoked: u.currentRevoked,
    reissue: u.reissueState,
  };
}
