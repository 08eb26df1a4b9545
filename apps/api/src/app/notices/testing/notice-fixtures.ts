import { randomBytes, randomUUID } from 'node:crypto';
import { addYears, jstEndOfDay, jstStartOfDay } from '@certdesk/domain';
import type { Response } from 'supertest';
import type { StaffBrowser } from '../../../testing/staff-browser';
import type { TestApp } from '../../../testing/test-app';
import { Certificate } from '../../certificates/certificate.entity';
import { Branch } from '../../credit-unions/branch.entity';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Customer } from '../../customers/customer.entity';
import { FRESH_IB_USER } from '../../customers/fresh-ib-user';
import { PEMLESS_CERTIFICATE } from '../../certificates/pemless-certificate';
import { IbRole, IbUser, ReissueState } from '../../customers/ib-user.entity';
import { NoticePlanner } from '../dispatch/notice-planner';
import { NoticeRun } from '../dispatch/notice-run.entity';

export interface FixtureUser {
  ibUser: IbUser;
  customer: Customer;
  certificate: Certificate | null;
}

export interface FixtureOptions {
  expiry: string | null;
  /** The IB user's own address (undefined: `<name>@example.jp`; null: none). */
  email?: string | null;
  /** The customer's contact address (default none). */
  contactEmail?: string | null;
  revoked?: boolean;
  reissue?: ReissueState | null;
  role?: IbRole;
  name?: string;
  companyName?: string;
}

let counter = 0;

/** One customer with one IB user and (unless `expiry` is null) a current certificate expiring on `expiry`. */
export async function addIbUser(
  t: TestApp,
  cu: CreditUnion,
  options: FixtureOptions,
): Promise<FixtureUser> {
  const n = ++counter;
  const now = t.clock.now();
  const branch = await t.dataSource
    .getRepository(Branch)
    .findOneByOrFail({ creditUnionId: cu.id });
  const contractNumber = `9${String(n).padStart(5, '0')}${randomBytes(2).toString('hex')}`;
  const name = options.name ?? `通知 太郎${n}`;
  const customer: Customer = {
    id: randomUUID(),
    creditUnionId: cu.id,
    branchId: branch.id,
    contractNumber,
    companyName: options.companyName ?? `株式会社テスト商事${n}`,
    companyNameKana: `テストシヨウジ${n}`,
    searchKey: `test${n}`,
    contactEmail: options.contactEmail ?? null,
    contactPhone: null,
    createdAt: now,
    updatedAt: now,
  };
  const ibUser: IbUser = {
    id: randomUUID(),
    creditUnionId: cu.id,
    customerId: customer.id,
    loginId: `${contractNumber}A0`,
    ibRole: options.role ?? 'administrator',
    name,
    nameKana: null,
    email:
      options.email === undefined
        ? `user${n}.${contractNumber}@example.jp`
        : options.email,
    ...FRESH_IB_USER,
    reissueState: options.reissue ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await t.dataSource.getRepository(Customer).insert(customer);
  await t.dataSource.getRepository(IbUser).insert(ibUser);
  let certificate: Certificate | null = null;
  if (options.expiry)
    certificate = await addCertificate(
      t,
      ibUser,
      options.expiry,
      options.revoked ?? false,
    );
  return {
    ibUser: await t.dataSource
      .getRepository(IbUser)
      .findOneByOrFail({ id: ibUser.id }),
    customer,
    certificate,
  };
}

/** A new current certificate for `ibUser` (a renewal when it had one). */
export async function addCertificate(
  t: TestApp,
  ibUser: IbUser,
  expiry: string,
  revoked = false,
): Promise<Certificate> {
  const certificate: Certificate = {
    id: randomUUID(),
    creditUnionId: ibUser.creditUnionId,
    ibUserId: ibUser.id,
    serialHex: `5${randomBytes(15).toString('hex')}`,
    subjectDn: `CN=${ibUser.loginId}`,
    notBefore: jstStartOfDay(addYears(expiry, -1)),
    notAfter: jstEndOfDay(expiry),
    expiryDate: expiry,
    ...PEMLESS_CERTIFICATE,
    revokedAt: revoked ? t.clock.now() : null,
    revocationReason: revoked ? 'cessationOfOperation' : null,
    issuedVia: 'imported',
    createdAt: t.clock.now(),
  };
  await t.dataSource.getRepository(Certificate).insert(certificate);
  await t.dataSource.getRepository(IbUser).update(ibUser.id, {
    currentCertificateId: certificate.id,
    currentExpiryDate: expiry,
    currentRevoked: revoked,
  });
  return certificate;
}

/** Moves every IB user's expiry far away (seeded ones, earlier fixtures), so that only new fixtures are due. */
export async function quietAllUsers(t: TestApp): Promise<void> {
  await t.dataSource
    .getRepository(IbUser)
    .createQueryBuilder()
    .update()
    .set({ currentExpiryDate: '2035-01-01' })
    .execute();
}

/** Saves a draft of the notice template `kind` through the API as `manager`. */
export function saveTemplateDraft(
  manager: StaffBrowser,
  subject: string,
  body: string,
  kind = 'renewal_reminder',
): Promise<Response> {
  return manager.send('put', `/api/notice-templates/${kind}/draft`, {
    subject,
    body,
  });
}

/** Inserts a manual run of the credit union in phase planning, as 今すぐ実行 starts one; `fields` override. */
export async function insertRun(
  t: TestApp,
  creditUnionId: string,
  fields: Partial<NoticeRun> = {},
): Promise<NoticeRun> {
  const run: NoticeRun = {
    id: randomUUID(),
    creditUnionId,
    trigger: 'manual',
    scheduleKey: null,
    businessDate: t.clock.today(),
    phase: 'planning',
    requestedBy: null,
    candidates: 0,
    planned: 0,
    error: null,
    startedAt: t.clock.now(),
    finishedAt: null,
    ...fields,
  };
  await t.dataSource.getRepository(NoticeRun).insert(run);
  return run;
}

/** A run of `cu` (see {@link insertRun}) planned: what is due is queued, nothing is sent. */
export async function planRun(
  t: TestApp,
  cu: CreditUnion,
  fields: Partial<NoticeRun> = {},
) {
  const run = await insertRun(t, cu.id, fields);
  const result = await t.app
    .get(NoticePlanner)
    .plan(cu, run.id, run.businessDate);
  return { run, ...result };
}
