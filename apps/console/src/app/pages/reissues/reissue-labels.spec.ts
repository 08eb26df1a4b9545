import type { LifecycleStatusName } from '@certdesk/contracts';
import {
  mayRequestReissue,
  parseReissueFilter,
  reasonLabel,
  reasonsFor,
  waitingLabel,
} from './reissue-labels';

describe('reissue labels', () => {
  it.each<[number | null, string]>([
    [0, '1時間未満'],
    [3, '3時間'],
    [23, '23時間'],
    [24, '1日'],
    [56, '2日'],
    [null, '—'],
  ])('waited %p hours → %s', (hours, label) => {
    expect(waitingLabel(hours)).toBe(label);
  });

  it.each([
    [undefined, 'pending'],
    ['all', 'all'],
    ['expired', 'expired'],
    ['PENDING', 'pending'],
  ])('?status=%s is the filter %s', (value, filter) => {
    expect(parseReissueFilter(value)).toBe(filter);
  });

  it('writes その他 with its words', () => {
    expect(reasonLabel({ reason: 'other', reasonText: '代表者の交代' })).toBe(
      'その他（代表者の交代）',
    );
    expect(reasonLabel({ reason: 'lost_device', reasonText: null })).toBe(
      'パソコンの紛失・故障',
    );
  });

  it.each<[LifecycleStatusName, boolean]>([
    ['reissue_required', true],
    ['revoked', true],
    ['expired', true],
    ['valid', true],
    ['renewal_due', true],
    ['reissue_pending', false],
    ['reissue_authorized', false],
    ['not_issued', false],
  ])('a user in %s may be put forward: %p', (status, may) => {
    expect(mayRequestReissue(status)).toBe(may);
  });

  it('offers 90日超過 only past the limit', () => {
    expect(reasonsFor('reissue_required')).toContain('past_limit');
    expect(reasonsFor('expired')).not.toContain('past_limit');
    expect(reasonsFor('valid')).toEqual([
      'lost_device',
      'key_compromise',
      'person_changed',
      'other',
    ]);
  });
});
