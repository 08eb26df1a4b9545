import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { Branch } from '../credit-unions/branch.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { insertInBatches } from '../infra/database/insert-in-batches';
import { Transactions } from '../infra/database/transactions';
import { decodeImportFile } from './encoding';
import { loadExistingState } from './existing-state';
import { readImportText } from './import-file';
import { ExistingState, ImportPlan, planImport } from './import-plan';
import { ImportRemovalsService, reportOf } from './import-removals';
import { ImportEncoding, ImportReport, failedReport } from './import-report';

/** Who imports, for the audit record (the CLI when not given). */
export interface ImportActor {
  type: 'staff' | 'system';
  id: string | null;
  name: string;
}

export interface ImportOptions {
  /** Check everything (the database too) and report what would change, writing nothing. */
  dryRun?: boolean;
  actor?: ImportActor;
  /** Called with the plan and the stored rows it was made against (e.g. to describe the changes). */
  onPlan?: (plan: ImportPlan, existing: ExistingState) => void;
  /** Called as rows are written: rows written so far out of all to write. */
  onProgress?: (done: number, total: number) => void;
  /** Runs in the import's transaction after the rows are written (not on a dry run); throw to roll back. */
  inTransaction?: (em: EntityManager, report: ImportReport) => Promise<void>;
  /**
   * The file is the full extract of its credit unions: those absent are closed / removed, or held
   * for approval above the threshold (./import-removals.ts).
   */
  full?: boolean;
  /** The file's name and SHA-256, for the removals' audit records and a held removal request. */
  file?: { name: string | null; sha256: string | null };
}

const CLI_ACTOR: ImportActor = { type: 'system', id: null, name: 'import CLI' };

/**
 * Brings a credit union's customers in from its existing system (a CSV file, one line per IB
 * user; format in ./samples/customers.sample.csv). All or nothing: every line is checked, against
 * the file and the database, before anything is written in one transaction. Re-importing the same
 * file writes nothing; a changed value updates that row only. Nothing is ever deleted; a file
 * marked `full` closes / removes those absent from it (./import-removals.ts).
 */
@Injectable()
export class CustomerImportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly removals: ImportRemovalsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    let published = async (): Promise<void> => undefined;
    // Read, check and write in one transaction, so the checks hold for what is written.
    const outcome = await this.transactions.run(async (em) => {
      const existing = await loadExistingState(em, file.rows);
      const plan = planImport(file.rows, existing, { now, newId: randomUUID });
      options.onPlan?.(plan, existing);
      const removals = await this.removals.plan(
        em,
        file.rows,
        Boolean(options.full),
        this.config.ops.importRemovalThresholdPercent,
      );
      const errors = [...file.errors, ...plan.errors, ...removals.errors];
      if (errors.length > 0)
        return failedReport(decoded.encoding, file.lines, errors);
      const result = report(decoded.encoding, file.lines, plan);
      if (options.full) result.removals = reportOf(removals);
      if (!options.dryRun) {
        await write(em, plan, now, options.onProgress);
        if (options.full) {
          const applied = await this.removals.applyIn(
            em,
            removals,
            options.actor ?? CLI_ACTOR,
            options.file ?? { name: null, sha256: null },
          );
          result.removals = applied.report;
          published = applied.published;
        }
        await this.auditImport(
          em,
          [...new Set(file.rows.map((r) => r.creditUnionCode))],
          result,
          options.actor,
        );
        await options.inTransaction?.(em, result);
      }
      return result;
    });
    await published(); // revoked certificates reach the CRL now (else at the next CRL check)
    return outcome;
  }

  /** One audit record per credit union in the file, committed with the rows. */
  private async auditImport(
    em: EntityManager,
    codes: string[],
    result: ImportReport,
    actor: ImportActor = CLI_ACTOR,
  ): Promise<void> {
    const creditUnions = await em.findBy(CreditUnion, { code: In(codes) });
    for (const cu of creditUnions) {
      await this.audit.recordIn(em, {
        action: 'import.customers',
        outcome: 'success',
        creditUnionId: cu.id,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        targetType: 'credit_union',
        targetId: cu.code,
        details: {
          lines: result.lines,
          encoding: result.encoding,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          ...(result.removals
            ? {
                full: true,
                removals: result.removals.creditUnions
                  .filter((r) => r.creditUnionCode === cu.code)
                  .map((r) => ({
                    closedCustomers: r.closedCustomers,
                    removedIbUsers: r.removedIbUsers,
                    outcome: r.outcome,
                    removalRequestId: r.removalRequestId ?? null,
                  })),
              }
            : {}),
        },
      });
    }
  }
}

async function write(
  em: EntityManager,
  plan: ImportPlan,
  now: Date,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<void> {
  const { inserts, updates } = plan;
  const total =
    Object.values(inserts).reduce((n, rows) => n + rows.length, 0) +
    updates.customers.length +
    updates.ibUsers.length;
  let done = 0;
  const wrote = (n: number): void => {
    done += n;
    onProgress(done, total);
  };
  const insert = async <T extends object>(
    entity: new () => T,
    rows: T[],
  ): Promise<void> => {
    await insertInBatches(em, entity, rows);
    wrote(rows.length);
  };
  await insert(CreditUnion, inserts.creditUnions);
  await insert(Branch, inserts.branches);
  await insert(Customer, inserts.customers);
  for (const { id, changes } of updates.customers) {
    await em.update(Customer, { id }, { ...changes, updatedAt: now });
    wrote(1);
  }
  // ib_user.current_certificate_id has no foreign key: IB users go in before their certificates.
  await insert(IbUser, inserts.ibUsers);
  for (const { id, changes } of updates.ibUsers) {
    await em.update(IbUser, { id }, { ...changes, updatedAt: now });
    wrote(1);
  }
  await insert(Certificate, inserts.certificates);
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
