import {
  authorizationLastDay,
  mayDecideReissue,
  revocationReasonFor,
  validateReissueRequest,
} from './reissue';

const TODAY = '2026-12-01';
const ok = {
  reason: 'lost_device' as const,
  identityCheck: '届出印照合（再発行依頼書）',
  formReceivedOn: TODAY,
};

describe('reissue rules', () => {
  it('accepts a complete request received today or earlier', () => {
    expect(validateReissueRequest(ok, TODAY)).toEqual([]);
    expect(
      validateReissueRequest({ ...ok, formReceivedOn: '2026-11-30' }, TODAY),
    ).toEqual([]);
  });

  it.each([
    [{ ...ok, reason: 'other' as const, reasonText: '  ' }, 'reasonText'],
    [{ ...ok, identityCheck: ' ' }, 'identityCheck'],
    [{ ...ok, formReceivedOn: '2026-12-02' }, 'formReceivedOn'],
    [{ ...ok, formReceivedOn: '2026-02-30' }, 'formReceivedOn'],
  ])('refuses %o naming %s', (input, field) => {
    expect(validateReissueRequest(input, TODAY).map((p) => p.field)).toEqual([
      field,
    ]);
  });

  it('maps reasons to RFC 5280 revocation reasons', () => {
    expect(revocationReasonFor('key_compromise')).toBe('keyCompromise');
    expect(revocationReasonFor('person_changed')).toBe('cessationOfOperation');
    for (const r of ['past_limit', 'lost_device', 'other'] as const)
      expect(revocationReasonFor(r)).toBe('superseded');
  });

  it('never lets the requester decide, and counts the authorization days inclusively', () => {
    expect(mayDecideReissue('a', 'a')).toBe(false);
    expect(mayDecideReissue('a', 'b')).toBe(true);
    expect(authorizationLastDay(TODAY, 80)).toBe('2027-02-18');
    expect(authorizationLastDay(TODAY, 1)).toBe(TODAY);
    expect(() => authorizationLastDay(TODAY, 0)).toThrow(RangeError);
  });
});
