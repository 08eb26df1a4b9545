import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { Branch } from '../credit-unions/branch.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { insertInBatches } from '../seed/seed.service';
import { decodeImportFile } from './encoding';
import { loadExistingState } from './existing-state';
import { readImportText } from './import-file';
import { ImportPlan, planImport } from './import-plan';
import { ImportEncoding, ImportReport, failedReport } from './import-report';

export interface ImportOptions {
  /** Check everything (the database too) and report what would change, writing nothing. */
  dryRun?: boolean;
}

/**
 * Brings a credit union's customers in from its existing system (a CSV file, one line per IB
 * user; format in ./samples/customers.sample.csv). All or nothing: every line is checked, against
 * the file and the database, before anything is written in one transaction. Re-importing the same
 * file writes nothing; a changed value updates that row only. Nothing is ever deleted.
 */
@Injectable()
export class CustomerImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async importFile(
    buffer: Buffer,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    const decoded = decodeImportFile(buffer);
    if (!decoded.ok)
      return failedReport(decoded.encoding, 0, [
        { line: 0, message: decoded.message },
      ]);
    const file = readImportText(decoded.text);
    if (!file.readable)
      return failedReport(decoded.encoding, file.lines, file.errors);
    const now = this.clock.now();
    // Read, check and write in one transaction, so the checks hold for what is written.
    return this.dataSource.transaction(async (em) => {
      const existing = await loadExistingState(em, file.rows);
      const plan = planImport(file.rows, existing, { now, newId: randomUUID });
      const errors = [...file.errors, ...plan.errors];
      if (errors.length > 0)
        return failedReport(decoded.encoding, file.lines, errors);
      const result = report(decoded.encoding, file.lines, plan);
      if (!options.dryRun) {
        await write(em, plan, now);
        await this.auditImport(
          em,
          [...new Set(file.rows.map((r) => r.creditUnionCode))],
          result,
        );
      }
      return result;
    });
  }

  /** One audit record per credit union in the file, committed with the rows. */
  private async auditImport(
    em: EntityManager,
    codes: string[],
    result: ImportReport,
  ): Promise<void> {
    const creditUnions = await em.findBy(CreditUnion, { code: In(codes) });
    for (const cu of creditUnions) {
      await this.audit.recordIn(em, {
        action: 'import.customers',
        outcome: 'success',
        creditUnionId: cu.id,
        actorType: 'system',
        actorName: 'import CLI',
        targetType: 'credit_union',
        targetId: cu.code,
        details: {
          lines: result.lines,
          encoding: result.encoding,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        },
      });
    }
  }
}

async function write(
  em: EntityManager,
  plan: ImportPlan,
  now: Date,
): Promise<void> {
  const { inserts, updates } = plan;
  await insertInBatches(em, CreditUnion, inserts.creditUnions);
  await insertInBatches(em, Branch, inserts.branches);
  await insertInBatches(em, Customer, inserts.customers);
  for (const { id, changes } of updates.customers)
    await em.update(Customer, { id }, { ...changes, updatedAt: now });
  // ib_user.current_certificate_id has no foreign key: IB users go in before their certificates.
  await insertInBatches(em, IbUser, inserts.ibUsers);
  for (const { id, changes } of updates.ibUsers)
    await em.update(IbUser, { id }, { ...changes, updatedAt: now });
  await insertInBatches(em, Certificate, inserts.certificates);
}

function report(
  encoding: ImportEncoding,
  lines: number,
  plan: ImportPlan,
): ImportReport {
  const { inserts, updates } = plan;
  return {
    ok: true,
    encoding,
    lines,
    errors: [],
    created: {
      creditUnions: inserts.creditUnions.length,
      branches: inserts.branches.length,
      customers: inserts.customers.length,
      ibUsers: inserts.ibUsers.length,
      certificates: inserts.certificates.length,
    },
    updated: {
      customers: updates.customers.length,
      ibUsers: updates.ibUsers.length,
    },
    unchanged: plan.unchangedLines,
  };
}
