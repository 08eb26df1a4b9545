import type { ImportRemovalsReport } from './import-removals';

/** How the file's bytes were read (see `decodeImportFile`). */
export type ImportEncoding = 'utf-8' | 'utf-8-bom' | 'cp932';

/**
 * One problem to fix. `line` counts CSV records as a spreadsheet shows rows: the header is 1,
 * blank rows count. `message` is complete and shown as is (`5行目: cert_serial …`); `line` 0
 * concerns the whole file (e.g. its encoding) and has no prefix.
 */
export interface ImportError {
  line: number;
  message: string;
}

export interface ImportCreatedCounts {
  creditUnions: number;
  branches: number;
  customers: number;
  ibUsers: number;
  certificates: number;
}

export interface ImportUpdatedCounts {
  customers: number;
  ibUsers: number;
}

/**
 * The outcome of one import. When `ok` is false nothing was written and every count is 0.
 * A dry run reports what an import would create and update, and writes nothing.
 */
export interface ImportReport {
  ok: boolean;
  encoding: ImportEncoding;
  /** Data lines read (header and blank rows not counted). */
  lines: number;
  /** Sorted by line. */
  errors: ImportError[];
  created: ImportCreatedCounts;
  updated: ImportUpdatedCounts;
  /** Data lines whose customer, IB user and certificate were all already stored as given. */
  unchanged: number;
  /** Full-file mode: who is absent and is (or, in a dry run, would be) closed / removed or held. */
  removals?: ImportRemovalsReport;
}

/** Nothing created, nothing updated: the counts of a refused or empty import (fresh objects). */
export function noChanges(): Pick<ImportReport, 'created' | 'updated'> {
  return {
    created: {
      creditUnions: 0,
      branches: 0,
      customers: 0,
      ibUsers: 0,
      certificates: 0,
    },
    updated: { customers: 0, ibUsers: 0 },
  };
}

/** `5行目: …` */
export function lineError(line: number, message: string): ImportError {
  return { line, message: `${line}行目: ${message}` };
}

export function failedReport(
  encoding: ImportEncoding,
  lines: number,
  errors: ImportError[],
): ImportReport {
  return {
    ok: false,
    encoding,
    lines,
    errors: [...errors].sort((a, b) => a.line - b.line),
    ...noChanges(),
    unchanged: 0,
  };
}
