import { NoticeFacts } from '@certdesk/notice-templates';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Customer } from '../../customers/customer.entity';
import { IbUser } from '../../customers/ib-user.entity';

/** The credit union part of the facts (name, help desk, policy, media storage). */
export function creditUnionFacts(cu: CreditUnion): NoticeFacts['creditUnion'] {
  return {
    name: cu.name,
    helpDeskPhone: cu.helpDeskPhone,
    helpDeskHours: cu.helpDeskHours,
    mediaStorage: cu.mediaStorage,
    renewalWindowDays: cu.renewalWindowDays,
    selfServiceDaysAfterExpiry: cu.selfServiceDaysAfterExpiry,
  };
}

/** What a notice to `ibUser` says, from the rows (the current certificate is mirrored on `ib_user`). */
export function noticeFactsOf(
  cu: CreditUnion,
  customer: Customer,
  ibUser: IbUser,
  today: string,
  acquisitionDeadline: string | null = null,
): NoticeFacts {
  return {
    creditUnion: creditUnionFacts(cu),
    companyName: customer.companyName,
    userName: ibUser.name,
    ibRole: ibUser.ibRole,
    expiryDate: ibUser.currentExpiryDate,
    acquisitionDeadline,
    today,
  };
}

/** The IB user's own address, else the customer's contact address; null when neither is registered. */
export function recipientOf(ibUser: IbUser, customer: Customer): string | null {
  return ibUser.email?.trim() || customer.contactEmail?.trim() || null;
}
