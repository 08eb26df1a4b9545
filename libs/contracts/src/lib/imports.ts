/** 取込 (issue 16): customer files from the core system, uploaded in the console or dropped in the inbox. */

/** `upload`: a staff member in the console; `inbox`: the nightly file from `IMPORT_INBOX`. */
export type ImportSourceName = 'upload' | 'inbox';

/**
 * - `planned`: checked without bad lines, waiting for 取り込む or 取消;
 * - `rejected`: the check found bad lines (nothing can be applied);
 * - `applying`: being written (all or nothing);
 * - `applied`: written; `failed`: nothing written (see `message` / `errors`);
 * - `cancelled`: 取消 after the check; `duplicate`: an inbox file already applied (same SHA-256).
 */
export type ImportRunStatusName =
  | 'planned'
  | 'rejected'
  | 'applying'
  | 'applied'
  | 'failed'
  | 'cancelled'
  | 'duplicate';

/** New, changed, unchanged and removed rows of one kind. */
export interface ImportKindCounts {
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
}

/** What a file does (the check) or did (once applied). */
export interface ImportRunSummary {
  customers: ImportKindCounts;
  ibUsers: ImportKindCounts;
  certificates: ImportKindCounts;
  /** New branches (店) the file brings. */
  branches: number;
  /** Lines unchanged as a whole (customer, IB user and certificate already stored as given). */
  unchangedLines: number;
  /** A full file's removals: above the threshold they wait for a second person (null: not full). */
  removals: {
    needsApproval: boolean;
    thresholdPercent: number | null;
    /** Once applied: `applied`, or `held` for approval (see `removalRequestId`). */
    outcome: 'applied' | 'held' | null;
    removalRequestId: string | null;
  } | null;
}

/** One changed field of a sample row: old → new. */
export interface ImportFieldChange {
  field: string;
  before: string;
  after: string;
}

/** A changed customer or IB user, as a sample in the check. */
export interface ImportChangeSample {
  kind: 'customer' | 'ibUser';
  /** 契約者番号 or ログインID. */
  key: string;
  /** Company or user name. */
  name: string;
  fields: ImportFieldChange[];
}

/** A customer or IB user a full file removes (absent from it). */
export interface ImportRemovalSample {
  kind: 'customer' | 'ibUser';
  key: string;
  name: string;
}

export interface ImportLineError {
  /** 0: the whole file (e.g. its encoding). */
  line: number;
  message: string;
}

/** One row of 取込履歴. */
export interface ImportRunView {
  id: string;
  source: ImportSourceName;
  status: ImportRunStatusName;
  fileName: string;
  fileSize: number;
  sha256: string;
  encoding: string | null;
  /** 全件ファイル: those absent from the file are removed. */
  full: boolean;
  lines: number;
  errorCount: number;
  /** Who uploaded it, or `取込フォルダ（夜間）` for the inbox. */
  createdByName: string;
  createdAt: string;
  /** Who applied or cancelled it. */
  decidedByName: string | null;
  finishedAt: string | null;
  summary: ImportRunSummary | null;
  /** Why it failed, when it did (Japanese). */
  message: string | null;
}

/** One import with its check: the samples and every bad line (up to `errors.length`). */
export interface ImportRunDetail extends ImportRunView {
  changes: ImportChangeSample[];
  removals: ImportRemovalSample[];
  /** The first bad lines (all of them when `errorCount` ≤ their number). */
  errors: ImportLineError[];
  /** While applying: rows written so far out of all (null when this process does not know). */
  progress: { done: number; total: number } | null;
}
