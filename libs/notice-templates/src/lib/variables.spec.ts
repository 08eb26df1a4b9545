import { NOTICE_KINDS } from './kinds';
import {
  noticeContext,
  NOTICE_VARIABLES,
  SAMPLE_CREDIT_UNION,
  sampleFacts,
  variablesFor,
} from './variables';

describe('variable catalogue', () => {
  it('documents each variable once, for at least one kind', () => {
    expect(new Set(NOTICE_VARIABLES.map((v) => v.name)).size).toBe(
      NOTICE_VARIABLES.length,
    );
    for (const v of NOTICE_VARIABLES)
      expect([v.name, v.kinds.length > 0 && v.label.length > 0]).toEqual([
        v.name,
        true,
      ]);
  });

  it('gives each kind exactly its variables, with values', () => {
    for (const kind of NOTICE_KINDS) {
      const context = noticeContext(
        kind,
        sampleFacts(kind, '2026-12-01', SAMPLE_CREDIT_UNION),
      );
      expect([kind, Object.keys(context).sort()]).toEqual([
        kind,
        variablesFor(kind)
          .map((v) => v.name)
          .sort(),
      ]);
    }
  });

  it('derives the dates and counts from the expiry date and the credit union policy', () => {
    const cu = {
      ...SAMPLE_CREDIT_UNION,
      mediaStorage: true,
      selfServiceDaysAfterExpiry: 80,
    };
    const facts = {
      creditUnion: cu,
      companyName: '株式会社A',
      userName: '山田 花子',
      ibRole: 'user' as const,
      expiryDate: '2026-12-25',
      today: '2026-12-15',
    };
    expect(noticeContext('renewal_reminder', facts)).toMatchObject({
      daysLeft: 10,
      renewalStartDate: '2026-11-25',
      selfServiceDeadline: '2027-03-15',
      renewalButtonLabel: 'パソコンに保存する',
      ibRoleLabel: '利用者',
      ibRole: 'user',
      selfServiceDays: 80,
    });
    expect(
      noticeContext('locked_out', { ...facts, today: '2026-12-26' }),
    ).toMatchObject({ daysSinceExpiry: 1, daysUntilSelfServiceDeadline: 79 });
  });
});
