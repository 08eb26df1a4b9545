import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type {
  ImportRunDetail,
  ImportRunSummary,
  ImportRunView,
} from '@certdesk/contracts';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../infra/clock/clock';
import { AppError } from '../../infra/http/app-error';
import { currentPrincipal, notFound } from '../../infra/tenancy/tenant';
import { CustomerImportService } from '../customer-import.service';
import {
  describePlan,
  ImportDetails,
  sameChanges,
  withRemovals,
} from './import-details';
import {
  checkFile,
  MAX_STORED_ERRORS,
  rowsOf,
  RunImportOptions,
} from './import-check';
import { ImportJobs } from './import-jobs';
import { ImportRun } from './import-run.entity';
import { ImportRunRepository } from './import-run.repository';
import { detailOf, viewOf, auditedFile } from './import-run-view';

/** 取込履歴 rows listed at once. */
const HISTORY_SIZE = 200;

/** The check's counts changed between the check and 取り込む: the person approved something else. */
class PlanChangedError extends Error {}

export const PLAN_CHANGED_MESSAGE =
  '確認の後に登録内容が変わったため、取り込みを中止しました（何も書き込んでいません）。もう一度ファイルを確認してから取り込んでください';

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a run's `summary` and `details` columns hold for `details`. */
export function storedDetails(
  details: ImportDetails | null,
  errors: { line: number; message: string }[],
): Pick<ImportRun, 'summary' | 'details' | 'errorCount'> {
  return {
    summary: details ? JSON.stringify(details.summary) : null,
    details: JSON.stringify({
      changes: details?.changes ?? [],
      removals: details?.removals ?? [],
      errors: errors.slice(0, MAX_STORED_ERRORS),
    }),
    errorCount: errors.length,
  };
}

/**
 * 取込 in the console: upload → the check (a dry run, stored with the file) → 取り込む (all or
 * nothing, in the background with progress) or 取消. Every step is audited; a run moves on only
 * from the state it was seen in (a second 取り込む or a 取消 racing it is refused).
 */
@Injectable()
export class ImportRunsService {
  private readonly progress = new Map<
    string,
    { done: number; total: number }
  >();

  constructor(
    private readonly runs: ImportRunRepository,
    private readonly importer: CustomerImportService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly jobs: ImportJobs,
  ) {}

  async list(): Promise<ImportRunView[]> {
    return (await this.runs.listOwn(HISTORY_SIZE)).map(viewOf);
  }

  async get(id: string): Promise<ImportRunDetail> {
    const run = await this.runs.findOwn(id);
    if (!run) throw notFound();
    return detailOf(run, this.progress.get(id) ?? null);
  }

  /** Stores the file with its check; bad lines make it `rejected` (nothing can be applied). */
  async upload(
    fileName: string,
    bytes: Buffer,
    full: boolean,
  ): Promise<ImportRunDetail> {
    const name = fileName.trim().slice(0, 255);
    if (name === '') throw new AppError('import_file_name_required');
    if (bytes.length === 0) throw new AppError('import_file_empty');
    const principal = currentPrincipal();
    const creditUnion = await this.runs.creditUnionById(
      principal.creditUnionId,
    );
    if (!creditUnion) throw notFound();
    const sha256 = sha256Of(bytes);
    const check = await checkFile(this.importer, bytes, creditUnion, {
      full,
      file: { name, sha256 },
    });
    const ok = check.errors.length === 0;
    const run: ImportRun = {
      id: randomUUID(),
      creditUnionId: creditUnion.id,
      source: 'upload',
      status: ok ? 'planned' : 'rejected',
      fileName: name,
      fileSize: bytes.length,
      sha256,
      claimSha256: null,
      encoding: check.encoding,
      full,
      lines: check.lines,
      createdById: principal.staffId,
      createdByName: principal.displayName,
      createdAt: this.clock.now(),
      decidedById: null,
      decidedByName: null,
      claimedAt: null,
      finishedAt: ok ? null : this.clock.now(),
      message: null,
      content: ok ? bytes.toString('base64') : null,
      ...storedDetails(check.details, check.errors),
    };
    await this.runs.insert(run);
    await this.audit.record({
      action: 'import.checked',
      outcome: ok ? 'success' : 'failure',
      targetType: 'import_run',
      targetId: run.id,
      details: {
        ...auditedFile(run),
        full,
        lines: run.lines,
        errors: run.errorCount,
        summary: check.details?.summary ?? null,
      },
    });
    return detailOf(run, null);
  }

  /** 取り込む: starts writing in the background; poll `get` for progress and the result. */
  async apply(id: string): Promise<ImportRunDetail> {
    const principal = currentPrincipal();
    const run = await this.runs.findOwn(id);
    if (!run) throw notFound();
    const now = this.clock.now();
    const claimed = await this.runs.transition(id, 'planned', {
      status: 'applying',
      claimedAt: now,
      decidedById: principal.staffId,
      decidedByName: principal.displayName,
    });
    if (!claimed) throw this.notPlanned(run);
    const actor = {
      type: 'staff' as const,
      id: principal.staffId,
      name: principal.username,
    };
    this.progress.set(id, { done: 0, total: 0 });
    const applying: ImportRun = {
      ...run,
      content: await this.runs.contentOf(id),
      status: 'applying',
      decidedById: principal.staffId,
      decidedByName: principal.displayName,
    };
    this.jobs.start(`import ${id}`, () => this.write(applying, actor));
    return this.get(id);
  }

  /** 取消: the checked file is dropped, nothing written. */
  async cancel(id: string): Promise<ImportRunDetail> {
    const principal = currentPrincipal();
    const run = await this.runs.findOwn(id);
    if (!run) throw notFound();
    const cancelled = await this.runs.transition(id, 'planned', {
      status: 'cancelled',
      content: null,
      decidedById: principal.staffId,
      decidedByName: principal.displayName,
      finishedAt: this.clock.now(),
    });
    if (!cancelled) throw this.notPlanned(run);
    await this.audit.record({
      action: 'import.cancelled',
      outcome: 'success',
      targetType: 'import_run',
      targetId: id,
      details: { fileName: run.fileName, sha256: run.sha256 },
    });
    return this.get(id);
  }

  /** Resolves when every apply started so far has ended (tests). */
  idle(): Promise<void> {
    return this.jobs.idle();
  }

  private notPlanned(run: ImportRun): AppError {
    return new AppError(
      run.status === 'rejected' ? 'import_rejected' : 'import_not_planned',
    );
  }

  private async write(
    run: ImportRun,
    actor: { type: 'staff'; id: string; name: string },
  ): Promise<void> {
    const bytes = Buffer.from(run.content ?? '', 'base64');
    const planned = run.summary
      ? (JSON.parse(run.summary) as ImportRunSummary)
      : null;
    let details: ImportDetails | null = null;
    const options: RunImportOptions = {
      full: run.full,
      file: { name: run.fileName, sha256: run.sha256 },
      actor,
      onPlan: (plan, existing) => {
        details = describePlan(rowsOf(bytes), plan, existing);
        if (!planned || !sameChanges(details.summary, planned))
          throw new PlanChangedError(PLAN_CHANGED_MESSAGE);
      },
      onProgress: (done, total) => this.progress.set(run.id, { done, total }),
      inTransaction: async (em, report) => {
        if (details) details = withRemovals(details, report.removals);
        await this.audit.recordIn(em, {
          action: 'import.applied',
          outcome: 'success',
          creditUnionId: run.creditUnionId,
          actorType: 'staff',
          actorId: actor.id,
          actorName: actor.name,
          targetType: 'import_run',
          targetId: run.id,
          details: {
            ...auditedFile(run),
            full: run.full,
            lines: report.lines,
            summary: details?.summary ?? null,
          },
        });
        await this.runs.transition(
          run.id,
          'applying',
          {
            status: 'applied',
            content: null,
            finishedAt: this.clock.now(),
            ...(details ? storedDetails(details, []) : {}),
          },
          em,
        );
      },
    };
    try {
      const report = await this.importer.importFile(bytes, options);
      if (!report.ok)
        await this.fail(
          run,
          '取り込み時に誤りが見つかったため、取り込みを中止しました（何も書き込んでいません）',
          details,
          report.errors,
        );
    } catch (error) {
      await this.fail(
        run,
        error instanceof PlanChangedError
          ? error.message
          : '取り込み中にエラーが起きたため、取り込みを中止しました（何も書き込んでいません）。もう一度お試しください',
        null,
        [],
      );
      if (!(error instanceof PlanChangedError)) throw error;
    } finally {
      this.progress.delete(run.id);
    }
  }

  private async fail(
    run: ImportRun,
    message: string,
    details: ImportDetails | null,
    errors: { line: number; message: string }[],
  ): Promise<void> {
    await this.runs.transition(run.id, 'applying', {
      status: 'failed',
      content: null,
      finishedAt: this.clock.now(),
      message,
      ...(errors.length > 0 ? storedDetails(details, errors) : {}),
    });
    await this.audit.record({
      action: 'import.customers',
      outcome: 'failure',
      creditUnionId: run.creditUnionId,
      actorType: 'staff',
      actorId: run.decidedById,
      actorName: run.decidedByName,
      targetType: 'import_run',
      targetId: run.id,
      details: { fileName: run.fileName, sha256: run.sha256, message },
    });
  }
}
