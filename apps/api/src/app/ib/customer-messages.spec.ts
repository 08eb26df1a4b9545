import {
  ibLogonDecision,
  LIFECYCLE_STATUSES,
  LifecycleInput,
  LifecycleStatus,
  lifecycleStatus,
} from '@certdesk/domain';
import * as domain from '@certdesk/domain';
import {
  ERROR_MESSAGES,
  IB_ERRORS,
  IB_TOO_MANY_ATTEMPTS_MESSAGE,
} from '@certdesk/contracts';
import { issuanceRefusal, IssuanceVia } from '../pki/issuance-policy';
import { wrongCredentialsMessage } from './ib-acquisition.service';
import { sessionExpired } from './ib-renewal.service';

const TODAY = '2026-12-01';

/** One IB user's facts per lifecycle status (checked against the domain below). */
const INPUTS: Record<LifecycleStatus, LifecycleInput> = {
  valid: { expiryDate: '2027-12-01' },
  renewal_due: { expiryDate: '2026-12-20' },
  expired: { expiryDate: '2026-11-01' },
  reissue_required: { expiryDate: '2026-08-01' },
  revoked: { expiryDate: '2027-12-01', revoked: true },
  reissue_pending: { expiryDate: '2026-08-01', reissue: 'pending' },
  reissue_authorized: { expiryDate: '2026-08-01', reissue: 'authorized' },
  not_issued: { expiryDate: null },
};

/** Every string constant named `…_MESSAGE` a module exports. */
function messagesOf(module: Record<string, unknown>): [string, string][] {
  return Object.entries(module).filter(
    (entry): entry is [string, string] =>
      entry[0].endsWith('_MESSAGE') && typeof entry[1] === 'string',
  );
}

/**
 * Everything the IB channel can say to a customer: the domain's constants, the catalogue's IB
 * wordings and the case-worded ones, log-on and issuance refusals.
 */
function customerMessages(): [string, string][] {
  const found: [string, string][] = [
    ...messagesOf(domain as Record<string, unknown>),
    ...(Object.entries(IB_ERRORS) as [string, unknown][]).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
    ['IB_TOO_MANY_ATTEMPTS_MESSAGE', IB_TOO_MANY_ATTEMPTS_MESSAGE],
    ['csr_refused', ERROR_MESSAGES.csr_refused],
    ['key_reused', ERROR_MESSAGES.key_reused],
    ['busy', ERROR_MESSAGES.busy],
    ['wrong_credentials', wrongCredentialsMessage(4)],
    ['renewal_session_expired', sessionExpired().message],
    ['IB_CONTACT_SENTENCE', domain.IB_CONTACT_SENTENCE],
    ['pastLimitMessage', domain.pastLimitMessage('2026-08-01')],
  ];
  for (const status of LIFECYCLE_STATUSES) {
    for (const presented of [
      { current: true, revoked: false, revocationReason: null },
      { current: true, revoked: true, revocationReason: 'keyCompromise' },
      { current: false, revoked: true, revocationReason: 'superseded' },
    ]) {
      const decision = ibLogonDecision(presented, INPUTS[status], TODAY);
      if (!decision.ok)
        found.push([`log-on ${status} ${decision.code}`, decision.reason]);
    }
    for (const via of [
      'renewal',
      'acquisition',
      'reissue',
      'initial',
    ] as IssuanceVia[]) {
      const refusal = issuanceRefusal(via, INPUTS[status], TODAY, {});
      if (refusal) found.push([`${via} ${status}`, refusal]);
    }
  }
  return found;
}

/** A request field or code identifier: camelCase, snake_case, or a bare lower-case field name. */
const FIELD_NAME =
  /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b|\b(?:csr|pin|loginId|code)\b/;

describe('what the IB channel says to customers (issue 15)', () => {
  const messages = customerMessages();

  it('covers every lifecycle status', () => {
    for (const status of LIFECYCLE_STATUSES)
      expect(lifecycleStatus(INPUTS[status], TODAY)).toBe(status);
    expect(messages.length).toBeGreaterThan(30);
  });

  it.each(customerMessages())(
    '%s: names no field, repeats no sentence, ends with 「。」',
    (_name, message) => {
      expect(message).not.toMatch(FIELD_NAME);
      const sentences = message
        .split('。')
        .map((s) => s.trim())
        .filter(Boolean);
      expect(new Set(sentences).size).toBe(sentences.length);
      expect(message.endsWith('。')).toBe(true);
      expect(message).not.toContain('お客様'); // one spelling: お客さま
    },
  );

  it('says the seed’s contact sentence at most once, and never the old お取引店までご連絡ください', () => {
    for (const [, message] of messages) {
      expect(message.split(domain.IB_CONTACT_SENTENCE).length).toBeLessThan(3);
      expect(message).not.toContain('お取引店までご連絡ください');
    }
  });
});
