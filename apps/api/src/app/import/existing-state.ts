import { EntityManager, EntityTarget, FindOptionsWhere, In } from 'typeorm';
import { Certificate } from '../certificates/certificate.entity';
import { Branch } from '../credit-unions/branch.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import type { ExistingState } from './import-plan';
import type { ImportRow } from './import-row';

/** Values per `IN (…)`, well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 1000;

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** Rows whose `column` is one of `values` (and that match `where`), queried in chunks. */
async function findIn<T extends { id: string }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  column: keyof T & string,
  values: readonly string[],
): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunkWhere = {
      ...where,
      [column]: In(values.slice(i, i + CHUNK)),
    } as FindOptionsWhere<T>;
    found.push(...(await em.find(entity, { where: chunkWhere })));
  }
  return found;
}

/** `rows` first, then those of `more` not already there (by id). */
function merged<T extends { id: string }>(rows: T[], more: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  return [...rows, ...more.filter((r) => !ids.has(r.id))];
}

/**
 * Loads what the file's keys refer to: its credit unions (by code) and their branches, its
 * customers (by contract number), IB users (by login ID) and certificates (by serial), every
 * certificate of those IB users, and the owners of clashing login IDs and serials (for messages).
 */
export async function loadExistingState(
  em: EntityManager,
  rows: readonly ImportRow[],
): Promise<ExistingState> {
  const creditUnions = await findIn(
    em,
    CreditUnion,
    {},
    'code',
    unique(rows.map((r) => r.creditUnionCode)),
  );
  const branches = await findIn(
    em,
    Branch,
    {},
    'creditUnionId',
    creditUnions.map((c) => c.id),
  );
  let customers: Customer[] = [];
  let ibUsers: IbUser[] = [];
  let certificates: Certificate[] = [];
  for (const creditUnion of creditUnions) {
    const own = rows.filter((r) => r.creditUnionCode === creditUnion.code);
    const where = { creditUnionId: creditUnion.id };
    customers.push(
      ...(await findIn(
        em,
        Customer,
        where,
        'contractNumber',
        unique(own.map((r) => r.contractNumber)),
      )),
    );
    ibUsers.push(
      ...(await findIn(
        em,
        IbUser,
        where,
        'loginId',
        unique(own.map((r) => r.loginId)),
      )),
    );
    const serials = unique(
      own.flatMap((r) => (r.certificate ? [r.certificate.serialHex] : [])),
    );
    certificates.push(
      ...(await findIn(em, Certificate, where, 'serialHex', serials)),
    );
  }
  certificates = merged(
    certificates,
    await findIn(
      em,
      Certificate,
      {},
      'ibUserId',
      ibUsers.map((u) => u.id),
    ),
  );
  const knownIbUsers = new Set(ibUsers.map((u) => u.id));
  const owners = unique(
    certificates.map((c) => c.ibUserId).filter((id) => !knownIbUsers.has(id)),
  );
  ibUsers = merged(ibUsers, await findIn(em, IbUser, {}, 'id', owners));
  const knownCustomers = new Set(customers.map((c) => c.id));
  const customerIds = unique(
    ibUsers.map((u) => u.customerId).filter((id) => !knownCustomers.has(id)),
  );
  customers = merged(
    customers,
    await findIn(em, Customer, {}, 'id', customerIds),
  );
  return { creditUnions, branches, customers, ibUsers, certificates };
}
