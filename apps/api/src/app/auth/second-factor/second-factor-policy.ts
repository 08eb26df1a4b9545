import {
  SecondFactorPolicy,
  secondFactorRequired,
  SecondFactorState,
  secondFactorState,
  StaffRole,
} from '@certdesk/domain';
import type { SecondFactorStatus } from '@certdesk/contracts';
import type { CreditUnion } from '../../credit-unions/credit-union.entity';
import type { AppConfig } from '../../infra/config/config';

/** The credit union's own policy, or the installation's (STAFF_SECOND_FACTOR). */
export function policyOf(
  creditUnion: Pick<CreditUnion, 'secondFactorPolicy'>,
  config: AppConfig,
): SecondFactorPolicy {
  return creditUnion.secondFactorPolicy ?? config.secondFactor.policy;
}

/** What the guard and `/api/auth/me` know of a session's second factor. */
export interface SecondFactorFacts {
  enrolled: boolean;
  required: boolean;
  provenAt: Date | null;
  state: SecondFactorState;
}

export function secondFactorFacts(
  staff: { role: StaffRole; secondFactorEnrolled?: boolean },
  creditUnion: Pick<CreditUnion, 'secondFactorPolicy'>,
  session: { secondFactorAt?: Date | null },
  config: AppConfig,
): SecondFactorFacts {
  const input = {
    enrolled: staff.secondFactorEnrolled ?? false,
    required: secondFactorRequired(policyOf(creditUnion, config), staff.role),
    provenAt: session.secondFactorAt ?? null,
  };
  return { ...input, state: secondFactorState(input) };
}

export function toStatus(facts: SecondFactorFacts): SecondFactorStatus {
  return {
    state: facts.state,
    required: facts.required,
    enrolled: facts.enrolled,
    provenAt: facts.provenAt?.toISOString() ?? null,
  };
}
