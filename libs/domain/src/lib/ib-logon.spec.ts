import {
  IB_CONTACT_SENTENCE,
  ibLogonDecision,
  PresentedCertificate,
  renewalConfirmedToday,
  replacedCertificateUsable,
} from './ib-logon';

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
    expect(decision.reason).toBe(
      '電子証明書の有効期限日（2026年12月25日(金)）から45日を超過したため（取得できるのは2027年2月8日(月)まででした）、ログオンも電子証明書の取得もできません。当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。',
    );
    expect(decision.reason.split(IB_CONTACT_SENTENCE)).toHaveLength(2); // said once
  });

  describe('a renewed certificate does not strand the customer', () => {
    const old = { current: false, revoked: false, revocationReason: null };
    const newUser = { expiryDate: '2027-12-25' }; // the renewed (current) certificate
    it.each([
      ['2026-12-20', false, true, 'renewal_due'],
      ['2026-12-25', false, true, 'renewal_due'], // its own expiry date, 23:59:59 JST
      ['2026-12-26', false, false, 'valid'], // the day after: retired
      ['2026-12-20', true, false, 'valid'], // the new one has logged on
    ])(
      'on %s with the new one used=%s the old one logs on: %s',
      (today, successorUsed, ok, status) => {
        const decision = ibLogonDecision(
          {
            ...old,
            renewedBy: { presentedExpiryDate: expiry, successorUsed },
          },
          newUser,
          today,
        );
        expect(decision).toMatchObject(
          ok
            ? { ok: true, status, newest: false }
            : { ok: false, code: 'superseded', status },
        );
        expect(
          replacedCertificateUsable(
            { presentedExpiryDate: expiry, successorUsed },
            today,
          ),
        ).toBe(ok);
      },
    );

    it('the current certificate is the newest; a reissue in progress still wins', () => {
      expect(
        ibLogonDecision(current, { expiryDate: expiry }, '2026-12-01'),
      ).toMatchObject({ ok: true, newest: true });
      expect(
        ibLogonDecision(
          {
            ...old,
            renewedBy: { presentedExpiryDate: expiry, successorUsed: false },
          },
          { ...newUser, reissue: 'pending' },
          '2026-12-20',
        ),
      ).toMatchObject({ ok: false, code: 'reissue_pending' });
    });

    it('confirms step ⑩ on the day a renewed certificate first logs on', () => {
      const renewed = { issuedVia: 'renewal', firstLogonDate: '2026-12-20' };
      expect(renewalConfirmedToday(renewed, '2026-12-20')).toBe(true);
      expect(renewalConfirmedToday(renewed, '2026-12-21')).toBe(false);
      expect(
        renewalConfirmedToday(
          { ...renewed, issuedVia: 'acquisition' },
          '2026-12-20',
        ),
      ).toBe(false);
    });
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

  it.each([
    [undefined, 'revoked'],
    ['pending', 'reissue_pending'],
    ['authorized', 'reissue_authorized'],
  ] as const)(
    'refuses a revoked certificate, and explains a reissue in progress or authorized (reissue %s → %s)',
    (reissue, code) => {
      const revoked = {
        current: true,
        revoked: true,
        revocationReason: 'keyCompromise',
      };
      expect(
        ibLogonDecision(
          revoked,
          {
            expiryDate: expiry,
            revoked: true,
            ...(reissue ? { reissue } : {}),
          },
          '2026-12-01',
        ),
      ).toMatchObject({ ok: false, code });
    },
  );
});
