import type { ImportLineError } from '@certdesk/contracts';
import type { CreditUnion } from '../../credit-unions/credit-union.entity';
import {
  CustomerImportService,
  ImportOptions,
} from '../customer-import.service';
import { decodeImportFile } from '../encoding';
import { readImportText } from '../import-file';
import { lineError } from '../import-report';
import type { ImportRow } from '../import-row';
import { describePlan, ImportDetails, withRemovals } from './import-details';

/** `IMPORT_INBOX` files and uploads: up to 64 MB (a 100,000-line file is about 15 MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Bad lines kept with a run (and shown); the count is always complete. */
export const MAX_STORED_ERRORS = 10_000;

export type RunImportOptions = ImportOptions;

export interface CheckResult {
  encoding: string | null;
  lines: number;
  errors: ImportLineError[];
  /** Null when the file could not be planned (unreadable, or bad lines before the plan). */
  details: ImportDetails | null;
}

/** The data lines of a file (for counting what it holds), or none when it cannot be read. */
export function rowsOf(bytes: Buffer): ImportRow[] {
  const decoded = decodeImportFile(bytes);
  return decoded.ok ? readImportText(decoded.text).rows : [];
}

/**
 * Checks a file for one credit union: every line must be of `creditUnion` (another credit union's
 * line is a bad line, never imported through this one), then the importer's own dry run.
 */
export async function checkFile(
  importer: CustomerImportService,
  bytes: Buffer,
  creditUnion: Pick<CreditUnion, 'code' | 'name'>,
  options: RunImportOptions,
): Promise<CheckResult> {
  const rows = rowsOf(bytes);
  const foreign = rows
    .filter((r) => r.creditUnionCode !== creditUnion.code)
    .map((r) =>
      lineError(
        r.line,
        `credit_union_code「${r.creditUnionCode}」は${creditUnion.name}（${creditUnion.code}）のコードではありません。${creditUnion.code} の行だけを取り込めます`,
      ),
    );
  let details: ImportDetails | null = null;
  const report = await importer.importFile(bytes, {
    ...options,
    dryRun: true,
    onPlan: (plan, existing) => {
      details = describePlan(rows, plan, existing);
    },
  });
  const errors = [...report.errors, ...foreign].sort((a, b) => a.line - b.line);
  return {
    encoding: report.encoding,
    lines: report.lines,
    errors,
    details:
      errors.length > 0 || details === null
        ? null
        : withRemovals(details, report.removals),
  };
}
