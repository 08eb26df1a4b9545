import { ibLogonDecision, PresentedCertificate } from './ib-logon';

const current: PresentedCertificate = {
  current: true,
  revoked: false,
  revocationReason: null,
};
const expiry = '2026-12-25';

describe('ibLogonDecision', () => {
  it.each([
    ['2026-11-24', true, 'valid'],
    ['2026-11-25', true, 'renewal_due'],
    ['2026-12-25', true, 'renewal_due'],
    ['2026-12-26', false, 'expired'],
    ['2027-03-25', false, 'expired'],
    ['2027-03-26', false, 'reissue_required'],
  ])('on %s the current certificate logs on: %s (%s)', (today, ok, status) => {
    const decision = ibLogonDecision(current, { expiryDate: expiry }, today);
    expect(decision.ok).toBe(ok);
    expect(decision.status).toBe(status);
  });

  it('tells an expired user to acquire again, until the 90th day after expiry', () => {
    const decision = ibLogonDecision(
      current,
      { expiryDate: expiry },
      '2027-01-10',
    );
    expect(decision).toMatchObject({ ok: false, code: 'expired' });
    if (decision.ok) throw new Error('unreachable');
    expect(decision.reason).toContain('2026年12月25日(金)');
    expect(decision.reason).toContain('「電子証明書取得」');
    expect(decision.reason).toContain('2027年3月25日(木)まで');
  });

  it('sends a past-limit user to the branch, with the limit from the policy', () => {
    const decision = ibLogonDecision(
      current,
      { expiryDate: expiry },
      '2027-02-10',
      { selfServiceDaysAfterExpiry: 45 },
    );
    expect(decision).toMatchObject({ ok: false, code: 'reissue_required' });
    if (decision.ok) throw new Error('unreachable');
    expect(decision.reason).toContain('45日を超過');
    expect(decision.reason).toContain('お取引店までご連絡ください');
  });

  it('refuses a superseded certificate even while the user is valid', () => {
    const old = {
      current: false,
      revoked: true,
      revocationReason: 'superseded',
    };
    expect(
      ibLogonDecision(old, { expiryDate: '2027-12-01' }, '2026-12-01'),
    ).toMatchObject({ ok: false, code: 'superseded' });
    expect(
      ibLogonDecision(
        { ...old, revoked: false, revocationReason: null },
        { expiryDate: '2027-12-01' },
        '2026-12-01',
      ),
    ).toMatchObject({ ok: false, code: 'superseded' });
  });

  it('refuses a revoked certificate, and explains a reissue in progress or authorized', () => {
    const revoked = {
      current: true,
      revoked: true,
      revocationReason: 'keyCompromise',
    };
    expect(
      ibLogonDecision(
        revoked,
        { expiryDate: expiry, revoked: true },
        '2026-12-01',
      ),
    ).toMatchObject({ ok: false, code: 'revoked' });
    expect(
      ibLogonDecision(
        revoked,
        { expiryDate: expiry, revoked: true, reissue: 'pending' },
        '2026-12-01',
      ),
    ).toMatchObject({ ok: false, code: 'reissue_pending' });
    expect(
      ibLogonDecision(
        revoked,
        { expiryDate: expiry, revoked: true, reissue: 'authorized' },
        '2026-12-01',
      ),
    ).toMatchObject({ ok: false, code: 'reissue_authorized' });
  });
});
