import type {
  ImportChangeSample,
  ImportLineError,
  ImportRemovalSample,
  ImportRunDetail,
  ImportRunSummary,
  ImportRunView,
} from '@certdesk/contracts';
import type { ImportRun } from './import-run.entity';

/** Bad lines sent with a run's detail (all of them are counted in `errorCount`). */
export const ERRORS_SHOWN = 1000;

const parse = <T>(json: string | null, fallback: T): T =>
  json === null ? fallback : (JSON.parse(json) as T);

export function viewOf(run: ImportRun): ImportRunView {
  return {
    id: run.id,
    source: run.source,
    status: run.status,
    fileName: run.fileName,
    fileSize: run.fileSize,
    sha256: run.sha256,
    encoding: run.encoding,
    full: run.full,
    lines: run.lines,
    errorCount: run.errorCount,
    createdByName: run.createdByName,
    createdAt: run.createdAt.toISOString(),
    decidedByName: run.decidedByName,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    summary: parse<ImportRunSummary | null>(run.summary, null),
    message: run.message,
  };
}

export function detailOf(
  run: ImportRun,
  progress: { done: number; total: number } | null,
): ImportRunDetail {
  const details = parse<{
    changes: ImportChangeSample[];
    removals: ImportRemovalSample[];
    errors: ImportLineError[];
  }>(run.details, { changes: [], removals: [], errors: [] });
  return {
    ...viewOf(run),
    changes: details.changes,
    removals: details.removals,
    errors: details.errors.slice(0, ERRORS_SHOWN),
    progress: run.status === 'applying' ? progress : null,
  };
}

/** The file a run is about, as its audit entries name it (first in their details). */
export function auditedFile(
  run: ImportRun,
): Pick<ImportRun, 'fileName' | 'fileSize' | 'sha256'> {
  return {
    fileName: run.fileName,
    fileSize: run.fileSize,
    sha256: run.sha256,
  };
}
