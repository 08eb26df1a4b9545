import type { StaffRole } from './roles';

/**
 * Staff second factor (passkey or one-time code, docs/operations.md "Staff accounts"): which staff
 * must have one, how fresh a proof a decision needs, and the state of a session.
 *
 * A credit union's policy:
 * - `off`: nobody must (the demo's default); anyone may still enrol;
 * - `managers`: 役席 and システム管理 must (the production default); the others may;
 * - `all`: every member of staff must.
 */
export const SECOND_FACTOR_POLICIES = Object.freeze([
  'off',
  'managers',
  'all',
] as const);
export type SecondFactorPolicy = (typeof SECOND_FACTOR_POLICIES)[number];

/** Roles `managers` requires a second factor of: the ones that decide or manage staff. */
export const SECOND_FACTOR_ROLES: readonly StaffRole[] = Object.freeze([
  'manager',
  'admin',
] as const);

export function secondFactorRequired(
  policy: SecondFactorPolicy,
  role: StaffRole,
): boolean {
  if (policy === 'all') return true;
  if (policy === 'managers') return SECOND_FACTOR_ROLES.includes(role);
  return false;
}

/** A decision (approve a reissue, publish a template, …) needs a second-factor proof younger than this. */
export const STEP_UP_MAX_AGE_MS = 5 * 60 * 1000;

/** One-time codes (RFC 6238): 6 digits, 30 s steps, one step either side accepted. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_TOLERANCE_STEPS = 1;

/** Recovery codes handed out at enrolment, each usable once. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * Where a session stands:
 * - `pending`: the password was right and the account has a second factor not yet proven in this session;
 * - `enrolment_required`: the account must have a second factor and has none: only enrolment is open;
 * - `verified`: proven in this session;
 * - `not_required`: no factor and none required.
 */
export type SecondFactorState =
  'pending' | 'enrolment_required' | 'verified' | 'not_required';

export function secondFactorState(input: {
  enrolled: boolean;
  required: boolean;
  provenAt: Date | null;
}): SecondFactorState {
  if (input.enrolled) return input.provenAt ? 'verified' : 'pending';
  return input.required ? 'enrolment_required' : 'not_required';
}

/**
 * Whether a step-up is needed for a decision at `now`: for anyone who has a second factor or must
 * have one, a proof younger than {@link STEP_UP_MAX_AGE_MS}.
 */
export function stepUpNeeded(
  input: { enrolled: boolean; required: boolean; provenAt: Date | null },
  now: Date,
  maxAgeMs = STEP_UP_MAX_AGE_MS,
): boolean {
  if (!input.enrolled && !input.required) return false;
  if (!input.provenAt) return true;
  return now.getTime() - input.provenAt.getTime() >= maxAgeMs;
}
