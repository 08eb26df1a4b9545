import {
  addDays,
  addYears,
  jstEndOfDay,
  jstStartOfDay,
  searchKeyForCustomer,
} from '@certdesk/domain';
import type { Certificate } from '../certificates/certificate.entity';
import type { Branch } from '../credit-unions/branch.entity';
import type { CreditUnion } from '../credit-unions/credit-union.entity';
import type { Customer } from '../customers/customer.entity';
import type { IbUser } from '../customers/ib-user.entity';
import { FRESH_IB_USER } from '../customers/fresh-ib-user';
import { PEMLESS_CERTIFICATE } from '../certificates/pemless-certificate';
import { Random } from './random';
import {
  BRANCH_NAMES,
  CREDIT_UNION_NAMES,
  GIVEN_NAMES,
  LEGAL_FORMS,
  NAME_HEADS,
  NAME_TRADES,
  SURNAMES,
  toHalfWidthKana,
} from './names';

export interface SeedOptions {
  seed: number;
  creditUnions: number;
  customersPerCreditUnion: number;
  /** Stop each credit union at this many certificates (overrides the customer count when reached first). */
  certificatesPerCreditUnion?: number;
  firstCode: number;
  today: string;
  now: Date;
}

export interface CustomerBatch {
  customer: Customer;
  ibUsers: IbUser[];
  certificates: Certificate[];
}

/** Days from today to expiry, drawn so that every status occurs and the next 90 days are busy. */
function expiryOffset(r: Random): number | null {
  const x = r.next();
  if (x < 0.03) return null; // 未取得
  if (x < 0.2) return r.int(0, 30); // 更新期間中
  if (x < 0.4) return r.int(31, 90); // the busy next quarter
  if (x < 0.8) return r.int(91, 365);
  if (x < 0.92) return r.int(-90, -1); // 期限切れ
  return r.int(-400, -91); // 再発行が必要
}

export function generateCreditUnion(
  options: SeedOptions,
  index: number,
): { creditUnion: CreditUnion; branches: Branch[] } {
  const r = new Random(options.seed * 7919 + index);
  const code = String(options.firstCode + index).padStart(4, '0');
  const creditUnion: CreditUnion = {
    id: r.uuid(),
    code,
    name: CREDIT_UNION_NAMES[index % CREDIT_UNION_NAMES.length],
    mediaStorage: index % 2 === 1,
    renewalWindowDays: 30,
    selfServiceDaysAfterExpiry: 90,
    certificateValidityYears: 1,
    reissueAuthorizationDays: 80,
    helpDeskPhone: `0120-${String(100 + index).padStart(3, '0')}-${String(r.int(0, 9999)).padStart(4, '0')}`,
    helpDeskHours: '平日 9:00〜17:00（土日祝日・12月31日〜1月3日を除く）',
    createdAt: options.now,
  };
  const branches = BRANCH_NAMES.slice(0, 6 + (index % 4)).map((name, i) => ({
    id: r.uuid(),
    creditUnionId: creditUnion.id,
    code: String(1 + i * 10).padStart(3, '0'),
    name,
    createdAt: options.now,
  }));
  return { creditUnion, branches };
}

/** The customers of one credit union, one at a time (memory stays flat at a million certificates). */
export function* generateCustomers(
  options: SeedOptions,
  creditUnion: CreditUnion,
  branches: Branch[],
  index: number,
): Generator<CustomerBatch> {
  const r = new Random(options.seed * 104729 + index);
  const maxCertificates =
    options.certificatesPerCreditUnion ?? Number.POSITIVE_INFINITY;
  let certificates = 0;
  for (let n = 1; ; n++) {
    const done =
      options.certificatesPerCreditUnion === undefined
        ? n > options.customersPerCreditUnion
        : certificates >= maxCertificates;
    if (done) return;
    const batch = customer(
      r,
      options,
      creditUnion,
      r.pick(branches),
      n,
      maxCertificates - certificates,
    );
    certificates += batch.certificates.length;
    yield batch;
  }
}

function customer(
  r: Random,
  o: SeedOptions,
  cu: CreditUnion,
  branch: Branch,
  n: number,
  certBudget: number,
): CustomerBatch {
  const [head, headKana] = r.pick(NAME_HEADS);
  const [trade, tradeKana] = r.pick(NAME_TRADES);
  const form = weighted(r, LEGAL_FORMS);
  const companyName = form.before
    ? `${form.name}${head}${trade}`
    : `${head}${trade}${form.name}`;
  const fullKana = form.before
    ? `${form.kana}${headKana}${tradeKana}`
    : `${headKana}${tradeKana}${form.kana}`;
  const companyNameKana = r.chance(0.3) ? toHalfWidthKana(fullKana) : fullKana; // legacy systems store ﾊﾝｶｸ
  const contractNumber = String(n).padStart(10, '0');
  const customer: Customer = {
    id: r.uuid(),
    creditUnionId: cu.id,
    branchId: branch.id,
    contractNumber,
    companyName,
    companyNameKana,
    searchKey: searchKeyForCustomer(companyName, companyNameKana),
    contactEmail: `keiri@c${contractNumber}.example.jp`,
    contactPhone: `03-${r.int(1000, 9999)}-${r.int(1000, 9999)}`,
    createdAt: o.now,
    updatedAt: o.now,
  };
  const ibUsers: IbUser[] = [];
  const certificates: Certificate[] = [];
  const userCount = 1 + r.int(0, 5);
  for (let u = 0; u < userCount && certificates.length < certBudget; u++) {
    const [surname, surnameKana] = r.pick(SURNAMES);
    const [given, givenKana] = r.pick(GIVEN_NAMES);
    const ibUser: IbUser = {
      id: r.uuid(),
      creditUnionId: cu.id,
      customerId: customer.id,
      loginId: `${contractNumber}${u === 0 ? 'A' : 'U'}${u}`,
      ibRole: u === 0 ? 'administrator' : 'user',
      name: `${surname} ${given}`,
      nameKana: `${surnameKana} ${givenKana}`,
      email: `user${u}@c${contractNumber}.example.jp`,
      ...FRESH_IB_USER,
      createdAt: o.now,
      updatedAt: o.now,
    };
    ibUsers.push(ibUser);
    const offset = expiryOffset(r);
    if (offset === null) continue;
    const expiryDate = addDays(o.today, offset);
    // Someone who renewed recently still has the superseded certificate in the history.
    if (offset > 335 && certificates.length + 1 < certBudget) {
      const previous = certificate(
        r,
        cu,
        ibUser,
        contractNumber,
        addYears(expiryDate, -1),
        'initial',
      );
      previous.revokedAt = jstStartOfDay(
        addDays(expiryDate, -365 + r.int(0, 20)),
      );
      previous.revocationReason = 'superseded';
      certificates.push(previous);
    }
    const current = certificate(
      r,
      cu,
      ibUser,
      contractNumber,
      expiryDate,
      offset > 335 ? 'renewal' : 'imported',
    );
    if (offset > 0 && r.chance(0.02)) {
      current.revokedAt = jstStartOfDay(o.today);
      current.revocationReason = 'cessationOfOperation';
    }
    certificates.push(current);
    ibUser.currentCertificateId = current.id;
    ibUser.currentExpiryDate = current.expiryDate;
    ibUser.currentRevoked = current.revokedAt !== null;
  }
  return { customer, ibUsers, certificates };
}

function certificate(
  r: Random,
  cu: CreditUnion,
  user: IbUser,
  contract: string,
  expiryDate: string,
  via: Certificate['issuedVia'],
): Certificate {
  return {
    id: r.uuid(),
    creditUnionId: cu.id,
    ibUserId: user.id,
    serialHex: r.int(0x10, 0x7f).toString(16) + r.hex(15), // positive, 128 bits
    subjectDn: `CN=${user.loginId},OU=${contract},O=${cu.name},C=JP`,
    notBefore: jstStartOfDay(addYears(expiryDate, -1)),
    notAfter: jstEndOfDay(expiryDate),
    expiryDate,
    ...PEMLESS_CERTIFICATE,
    issuedVia: via,
    createdAt: jstStartOfDay(addYears(expiryDate, -1)),
  };
}

function weighted<T extends { weight: number }>(
  r: Random,
  items: readonly T[],
): T {
  let x = r.next() * items.reduce((sum, i) => sum + i.weight, 0);
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items[items.length - 1];
}
