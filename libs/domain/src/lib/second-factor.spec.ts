import {
  secondFactorRequired,
  secondFactorState,
  STEP_UP_MAX_AGE_MS,
  stepUpNeeded,
} from './second-factor';
import { STAFF_ROLES } from './roles';

describe('staff second factor', () => {
  it('managers requires it of 役席 and システム管理 only; all of everyone; off of nobody', () => {
    const of = (policy: 'off' | 'managers' | 'all') =>
      STAFF_ROLES.filter((role) => secondFactorRequired(policy, role));
    expect(of('managers')).toEqual(['manager', 'admin']);
    expect(of('all')).toEqual(STAFF_ROLES);
    expect(of('off')).toEqual([]);
  });

  it('a session is pending until proven, and enrolment is forced only when required', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(
      secondFactorState({ enrolled: true, required: false, provenAt: null }),
    ).toBe('pending');
    expect(
      secondFactorState({ enrolled: true, required: true, provenAt: at }),
    ).toBe('verified');
    expect(
      secondFactorState({ enrolled: false, required: true, provenAt: null }),
    ).toBe('enrolment_required');
    expect(
      secondFactorState({ enrolled: false, required: false, provenAt: null }),
    ).toBe('not_required');
  });

  it('a step-up needs a proof younger than 5 minutes, unless nobody has or needs a factor', () => {
    const proven = new Date('2026-12-01T00:00:00Z');
    const later = (ms: number) => new Date(proven.getTime() + ms);
    const enrolled = { enrolled: true, required: false, provenAt: proven };
    expect(stepUpNeeded(enrolled, later(STEP_UP_MAX_AGE_MS - 1))).toBe(false);
    expect(stepUpNeeded(enrolled, later(STEP_UP_MAX_AGE_MS))).toBe(true);
    expect(stepUpNeeded({ ...enrolled, provenAt: null }, proven)).toBe(true);
    expect(
      stepUpNeeded({ enrolled: false, required: true, provenAt: null }, proven),
    ).toBe(true);
    expect(
      stepUpNeeded(
        { enrolled: false, required: false, provenAt: null },
        proven,
      ),
    ).toBe(false);
  });
});
