import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  mkdir,
  readdir,
  readFile,
  rename,
  stat,
  writeFile,
} from 'node:fs/promises';
import { extname, join } from 'node:path';
import { formatJapaneseDateTime } from '@certdesk/domain';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { CustomerImportService } from '../customer-import.service';
import { decodeImportFile } from '../encoding';
import { readImportText } from '../import-file';
import { describePlan, ImportDetails, withRemovals } from './import-details';
import { MAX_IMPORT_BYTES, RunImportOptions } from './import-check';
import { auditedFile } from './import-run-view';
import { ImportRun } from './import-run.entity';
import { ImportRunRepository } from './import-run.repository';
import { sha256Of, storedDetails } from './import-runs.service';
import { inboxReport } from './inbox-report';

/** Who the inbox's imports are by, in 取込履歴 and the audit log. */
export const INBOX_ACTOR_NAME = '取込フォルダ（夜間）';
/** A run left `applying` this long belonged to a process that died. */
export const STALE_CLAIM_MS = 60 * 60 * 1000;

/** Where a process keeps the files it took until they are done (a rename away from the inbox). */
export const WORKING_DIR = '.processing';

export type InboxOutcome = 'applied' | 'failed' | 'duplicate' | 'skipped';

/**
 * The nightly files (`IMPORT_INBOX`): each file is claimed in the database by its SHA-256 (a unique
 * column, so of several processes exactly one applies it, and a file applied once is never applied
 * again, however often it is dropped), applied as an upload would be under the system actor, then
 * moved to `done/` or `failed/` with `<file>.report.txt` beside it. A process takes a file by
 * renaming it into `.processing/` first, so several processes never work on the same file.
 */
@Injectable()
export class ImportInboxService {
  private readonly logger = new Logger('ImportInbox');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: ImportRunRepository,
    private readonly importer: CustomerImportService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  get dir(): string | null {
    return this.config.importInbox.dir;
  }

  /** Every file now in the inbox, in name order. */
  async processAll(): Promise<Record<string, InboxOutcome>> {
    const dir = this.dir;
    if (!dir) return {};
    const now = this.clock.now();
    await this.runs.releaseStale(new Date(now.getTime() - STALE_CLAIM_MS), now);
    const working = join(dir, WORKING_DIR);
    await mkdir(working, { recursive: true });
    await this.recoverStale(dir);
    const entries = await readdir(dir, { withFileTypes: true });
    const outcomes: Record<string, InboxOutcome> = {};
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      // Taking the file is a rename, atomic: of several processes one gets it.
      const taken = join(working, `${randomUUID()}_${entry.name}`);
      try {
        await rename(join(dir, entry.name), taken);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        outcomes[entry.name] = 'skipped';
        continue;
      }
      outcomes[entry.name] = await this.processFile(dir, taken, entry.name);
    }
    return outcomes;
  }

  /**
   * Files a dead process had taken are put back in the inbox after {@link STALE_CLAIM_MS} (of the
   * file system's time: the rename set their ctime).
   */
  private async recoverStale(dir: string): Promise<void> {
    const working = join(dir, WORKING_DIR);
    for (const name of await readdir(working)) {
      const path = join(working, name);
      const taken = (await stat(path)).ctime.getTime();
      if (Date.now() - taken < STALE_CLAIM_MS) continue;
      const original = name.replace(/^[0-9a-f-]{36}_/, '');
      await rename(path, join(dir, original)).catch(() => undefined);
    }
  }

  private async processFile(
    dir: string,
    taken: string,
    name: string,
  ): Promise<InboxOutcome> {
    const bytes = await readFile(taken);
    const sha256 = sha256Of(bytes);
    const now = this.clock.now();
    const run: ImportRun = {
      id: randomUUID(),
      creditUnionId: null,
      source: 'inbox',
      status: 'applying',
      fileName: name.slice(0, 255),
      fileSize: bytes.length,
      sha256,
      claimSha256: sha256,
      encoding: null,
      full: this.config.importInbox.full,
      lines: 0,
      errorCount: 0,
      createdById: null,
      createdByName: INBOX_ACTOR_NAME,
      createdAt: now,
      decidedById: null,
      decidedByName: INBOX_ACTOR_NAME,
      claimedAt: now,
      finishedAt: null,
      summary: null,
      details: null,
      message: null,
      content: null,
    };
    if (!(await this.runs.claim(run))) return this.duplicate(dir, taken, run);
    try {
      return await this.apply(dir, taken, run, bytes);
    } catch (error) {
      this.logger.error(
        `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      await this.finish(dir, taken, run, 'failed', {
        message:
          '取り込み中にエラーが起きたため、取り込みを中止しました（何も書き込んでいません）',
      });
      return 'failed';
    }
  }

  /**
   * Another run holds the file's SHA-256: it was applied (this one is recorded as a duplicate and
   * moved to done/), or the same content is being applied right now from another file (this one
   * goes back to the inbox for the next day, when it will be a duplicate or be applied).
   */
  private async duplicate(
    dir: string,
    taken: string,
    run: ImportRun,
  ): Promise<InboxOutcome> {
    const holder = await this.runs.findClaim(run.sha256);
    if (!holder || holder.status !== 'applied') {
      await rename(taken, join(dir, run.fileName));
      return 'skipped';
    }
    const when = formatJapaneseDateTime(holder.finishedAt ?? holder.createdAt);
    const duplicate: ImportRun = {
      ...run,
      id: randomUUID(),
      creditUnionId: holder.creditUnionId,
      status: 'duplicate',
      claimSha256: null,
      full: holder.full,
      finishedAt: this.clock.now(),
      message: `同じ内容のファイル（${holder.fileName}）を ${when} に取り込み済みのため、取り込みませんでした`,
    };
    await this.runs.insert(duplicate);
    await this.move(dir, taken, duplicate, 'done');
    await this.auditRun(duplicate, 'success');
    return 'duplicate';
  }

  private async apply(
    dir: string,
    taken: string,
    run: ImportRun,
    bytes: Buffer,
  ): Promise<InboxOutcome> {
    if (bytes.length > MAX_IMPORT_BYTES) {
      await this.finish(dir, taken, run, 'failed', {
        message: `ファイルが大きすぎます（${MAX_IMPORT_BYTES / 1024 / 1024} MB まで）`,
      });
      return 'failed';
    }
    const decoded = decodeImportFile(bytes);
    const rows = decoded.ok ? readImportText(decoded.text).rows : [];
    const codes = [...new Set(rows.map((r) => r.creditUnionCode))];
    const [creditUnion] =
      codes.length === 1 ? await this.runs.creditUnionsByCode(codes) : [];
    if (decoded.ok && rows.length > 0 && !creditUnion) {
      await this.finish(dir, taken, run, 'failed', {
        encoding: decoded.encoding,
        message:
          codes.length === 1
            ? `credit_union_code「${codes[0]}」の信用金庫は登録されていません`
            : `1つのファイルには1つの信用金庫の行だけを入れてください（${codes.join(', ')} があります）`,
      });
      return 'failed';
    }
    run.creditUnionId = creditUnion?.id ?? null;
    let details: ImportDetails | null = null;
    const options: RunImportOptions = {
      full: run.full,
      file: { name: run.fileName, sha256: run.sha256 },
      actor: { type: 'system', id: null, name: INBOX_ACTOR_NAME },
      onPlan: (plan, existing) => {
        details = describePlan(rows, plan, existing);
      },
      inTransaction: async (em, report) => {
        if (details) details = withRemovals(details, report.removals);
        await this.runs.transition(
          run.id,
          'applying',
          {
            creditUnionId: run.creditUnionId,
            status: 'applied',
            encoding: report.encoding,
            lines: report.lines,
            finishedAt: this.clock.now(),
            ...storedDetails(details, []),
          },
          em,
        );
      },
    };
    const report = await this.importer.importFile(bytes, options);
    const outcome = report.ok ? 'applied' : 'failed';
    const result: Partial<ImportRun> = {
      creditUnionId: run.creditUnionId,
      encoding: report.encoding,
      lines: report.lines,
      ...storedDetails(details, report.errors),
      message: report.ok
        ? null
        : '誤りのある行があるため、取り込みませんでした（何も書き込んでいません）',
    };
    if (report.ok) Object.assign(run, result, { status: 'applied' });
    await this.finish(dir, taken, run, outcome, result, report.errors);
    return outcome;
  }

  /** Records the outcome (a failure releases the claim), moves the file and writes its report. */
  private async finish(
    dir: string,
    taken: string,
    run: ImportRun,
    outcome: 'applied' | 'failed',
    result: Partial<ImportRun>,
    errors: { line: number; message: string }[] = [],
  ): Promise<void> {
    Object.assign(run, result, { finishedAt: this.clock.now() });
    if (outcome === 'failed') {
      Object.assign(run, { status: 'failed', claimSha256: null });
      await this.runs.update(run.id, {
        ...result,
        status: 'failed',
        claimSha256: null,
        finishedAt: run.finishedAt,
      });
      await this.auditRun(run, 'failure');
    }
    await this.move(
      dir,
      taken,
      run,
      outcome === 'applied' ? 'done' : 'failed',
      errors,
    );
  }

  /** Moves the file to `done/` or `failed/` (a new name if taken) and writes the report beside it. */
  private async move(
    dir: string,
    taken: string,
    run: ImportRun,
    to: 'done' | 'failed',
    errors: { line: number; message: string }[] = [],
  ): Promise<void> {
    const target = join(dir, to);
    await mkdir(target, { recursive: true });
    const existing = new Set(await readdir(target));
    let name = run.fileName;
    if (existing.has(name)) {
      const ext = extname(name);
      name = `${name.slice(0, name.length - ext.length)}-${run.id.slice(0, 8)}${ext}`;
    }
    await rename(taken, join(target, name));
    await writeFile(
      join(target, `${name}.report.txt`),
      inboxReport(run, errors),
      'utf8',
    );
  }

  private async auditRun(
    run: ImportRun,
    outcome: 'success' | 'failure',
  ): Promise<void> {
    await this.audit.record({
      action:
        run.status === 'duplicate' ? 'import.duplicate' : 'import.customers',
      outcome,
      creditUnionId: run.creditUnionId,
      actorType: 'system',
      actorId: null,
      actorName: INBOX_ACTOR_NAME,
      targetType: 'import_run',
      targetId: run.id,
      details: {
        ...auditedFile(run),
        errors: run.errorCount,
        message: run.message,
      },
    });
  }
}
