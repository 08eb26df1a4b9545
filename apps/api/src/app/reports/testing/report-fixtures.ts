import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../testing/test-app';
import { PEMLESS_CERTIFICATE } from '../../certificates/pemless-certificate';
import { Certificate } from '../../certificates/certificate.entity';
import type { IbUser } from '../../customers/ib-user.entity';
import {
  NoticeOutbox,
  OutboxStatus,
} from '../../notices/dispatch/notice-outbox.entity';
import type { FixtureUser } from '../../notices/testing/notice-fixtures';
import { ReissueRequest } from '../../reissues/reissue-request.entity';
import { UNDECIDED } from '../../infra/database/decision-columns';

/** A reissue request of `user` as the reissue API would have left it (times given, JST offsets welcome). */
export function reissueRequest(
  user: FixtureUser,
  fields: Partial<ReissueRequest> &
    Pick<ReissueRequest, 'status' | 'requestedAt'>,
): ReissueRequest {
  return {
    id: randomUUID(),
    creditUnionId: user.ibUser.creditUnionId,
    customerId: user.customer.id,
    ibUserId: user.ibUser.id,
    reason: 'lost_device',
    reasonText: null,
    identityCheck: '届出印の照合（電子証明書再発行依頼書）',
    formReceivedOn: '2026-11-10',
    requestedById: randomUUID(),
    requestedByName: '営業店 花子',
    ...UNDECIDED,
    authorizedUntil: null,
    closedAt: null,
    revokedCertificateIds: null,
    ...fields,
  };
}

/** Inserts rows in chunks (a statement has a parameter limit). */
export async function insertAll<T extends object>(
  t: TestApp,
  entity: new () => T,
  rows: T[],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk)
    await t.dataSource
      .getRepository(entity)
      .insert(rows.slice(i, i + chunk) as never);
}

/** A certificate the IB user obtained at `createdAt` (acquisition from the logon screen by default). */
export async function addIssued(
  t: TestApp,
  ibUser: IbUser,
  createdAt: Date,
  issuedVia: Certificate['issuedVia'] = 'acquisition',
): Promise<void> {
  await t.dataSource.getRepository(Certificate).insert({
    id: randomUUID(),
    creditUnionId: ibUser.creditUnionId,
    ibUserId: ibUser.id,
    serialHex: `6${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    subjectDn: `CN=${ibUser.loginId}`,
    notBefore: createdAt,
    notAfter: new Date('2027-12-01T14:59:59Z'),
    expiryDate: '2027-12-01',
    ...PEMLESS_CERTIFICATE,
    issuedVia,
    createdAt,
  });
}

/** `count` outbox rows of one (day, milestone) in `status`. */
export async function addNotices(
  t: TestApp,
  user: FixtureUser,
  day: string,
  milestone: number | null,
  status: OutboxStatus,
  count: number,
): Promise<void> {
  const kind =
    milestone === null
      ? 'reissue_ready'
      : milestone >= 0
        ? 'renewal_reminder'
        : milestone > -80
          ? 'locked_out'
          : 'last_chance';
  const now = t.clock.now();
  const rows: NoticeOutbox[] = Array.from({ length: count }, () => ({
    id: randomUUID(),
    creditUnionId: user.ibUser.creditUnionId,
    dedupeKey: `test:${randomUUID()}`,
    kind,
    milestone,
    certificateId: null,
    ibUserId: user.ibUser.id,
    customerId: user.customer.id,
    runId: null,
    businessDate: day,
    expiryDate: null,
    acquisitionDeadline: null,
    status,
    statusReason: null,
    attempts: status === 'pending' ? 0 : 1,
    nextAttemptAt: now,
    leaseUntil: null,
    claimToken: null,
    recipient: 'user@example.jp',
    templateVersion: 1,
    subject: null,
    body: null,
    messageId: null,
    smtpResponse: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    sentAt: status === 'sent' ? now : null,
  }));
  await insertAll(t, NoticeOutbox, rows);
}
