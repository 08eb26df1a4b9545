import { Injectable, Logger } from '@nestjs/common';
import { hash } from 'argon2';
import { randomUUID } from 'node:crypto';
import { STAFF_ROLES, STAFF_ROLE_LABELS } from '@certdesk/domain';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { StaffUser } from '../staff/staff-user.entity';
import { ARGON2_OPTIONS } from '../auth/passwords';
import { Transactions } from '../infra/database/transactions';
import {
  CustomerBatch,
  SeedOptions,
  generateCreditUnion,
  generateCustomers,
} from './generator';
import { SeedRepository } from './seed.repository';

export interface SeedResult {
  creditUnions: string[];
  customers: number;
  ibUsers: number;
  certificates: number;
  staff: number;
  seconds: number;
}

const CHUNK_CUSTOMERS = 500;

/** Writes generated demo/benchmark data in batched multi-row inserts, a transaction per chunk. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly rows: SeedRepository,
  ) {}

  async seed(
    options: SeedOptions,
    demoPassword: string | null,
  ): Promise<SeedResult> {
    const started = Date.now();
    const result: SeedResult = {
      creditUnions: [],
      customers: 0,
      ibUsers: 0,
      certificates: 0,
      staff: 0,
      seconds: 0,
    };
    const codes = Array.from({ length: options.creditUnions }, (_, i) =>
      String(options.firstCode + i).padStart(4, '0'),
    );
    const existing = await this.rows.withCodes(codes);
    if (existing.length > 0) {
      throw new Error(
        `信用金庫コード ${existing.map((c) => c.code).join(', ')} は既に登録されています（--first-code で別のコードを指定してください）`,
      );
    }
    const passwordHash = demoPassword
      ? await hash(demoPassword, ARGON2_OPTIONS)
      : null;
    for (let index = 0; index < options.creditUnions; index++) {
      const { creditUnion, branches } = generateCreditUnion(options, index);
      const staff = passwordHash
        ? demoStaff(creditUnion, passwordHash, options.now)
        : [];
      await this.transactions.run((em) =>
        this.rows.insertCreditUnion(em, creditUnion, branches, staff),
      );
      result.staff += staff.length;
      result.creditUnions.push(creditUnion.code);
      let chunk: CustomerBatch[] = [];
      for (const batch of generateCustomers(
        options,
        creditUnion,
        branches,
        index,
      )) {
        chunk.push(batch);
        if (chunk.length === CHUNK_CUSTOMERS) {
          await this.writeChunk(chunk, result);
          chunk = [];
        }
      }
      await this.writeChunk(chunk, result);
      this.logger.log(
        `credit union ${creditUnion.code}: ${result.certificates} certificates so far`,
      );
    }
    result.seconds = (Date.now() - started) / 1000;
    return result;
  }

  private async writeChunk(
    chunk: CustomerBatch[],
    result: SeedResult,
  ): Promise<void> {
    if (chunk.length === 0) return;
    const customers = chunk.map((b) => b.customer);
    const ibUsers = chunk.flatMap((b) => b.ibUsers);
    const certificates = chunk.flatMap((b) => b.certificates);
    await this.transactions.run((em) =>
      this.rows.insertCustomers(em, customers, ibUsers, certificates),
    );
    result.customers += customers.length;
    result.ibUsers += ibUsers.length;
    result.certificates += certificates.length;
  }
}

/**
 * One account per role, `<role>-<code>`, and a second admin `admin2-<code>` (granting manager or
 * admin needs another admin's approval), for demos only.
 */
function demoStaff(
  cu: CreditUnion,
  passwordHash: string,
  now: Date,
): StaffUser[] {
  const accounts = [
    ...STAFF_ROLES.map((role) => ({
      role,
      username: `${role}-${cu.code}`,
      label: STAFF_ROLE_LABELS[role],
    })),
    {
      role: 'admin' as const,
      username: `admin2-${cu.code}`,
      label: `${STAFF_ROLE_LABELS.admin}2`,
    },
  ];
  const staff: StaffUser[] = accounts.map(({ role, username, label }) => ({
    id: randomUUID(),
    creditUnionId: cu.id,
    username,
    displayName: `デモ ${label}（${cu.name}）`,
    role,
    passwordHash,
    mustChangePassword: false,
    disabledAt: null,
    failedLoginCount: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
  }));
  return staff;
}
