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

  it.each([
    [true, false, null, 'pending'],
    [true, true, new Date('2026-12-01T00:00:00Z'), 'verified'],
    [false, true, null, 'enrolment_required'],
    [false, false, null, 'not_required'],
  ] as const)(
    'a session is pending until proven, and enrolment is forced only when required (enrolled %s, required %s, proven %s → %s)',
    (enrolled, required, provenAt, state) => {
      expect(secondFactorState({ enrolled, required, provenAt })).toBe(state);
    },
  );

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
