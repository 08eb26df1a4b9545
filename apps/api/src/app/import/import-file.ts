import { checkHeader } from './columns';
import { checkAcrossLines } from './cross-line';
import { isBlankRecord, parseCsv } from './csv';
import { ImportError, lineError } from './import-report';
import { ImportRow, parseImportRow } from './import-row';

export interface ReadFile {
  /** Data lines (header and blank rows not counted). */
  lines: number;
  /** The lines that passed the checks of the file alone. */
  rows: ImportRow[];
  errors: ImportError[];
  /** False when the rows cannot be read at all (no or a wrong header): stop there. */
  readable: boolean;
}

/** Reads decoded CSV text: header, then each line on its own, then the checks across lines. */
export function readImportText(text: string): ReadFile {
  const [header, ...records] = parseCsv(text);
  if (!header || isBlankRecord(header)) {
    return {
      lines: 0,
      rows: [],
      errors: [
        lineError(
          1,
          '見出し行がありません。1行目に列名の見出しを入れてください',
        ),
      ],
      readable: false,
    };
  }
  const headerProblem = header.error ?? checkHeader(header.fields);
  const data = records.filter((r) => !isBlankRecord(r));
  if (headerProblem)
    return {
      lines: data.length,
      rows: [],
      errors: [lineError(1, headerProblem)],
      readable: false,
    };

  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  for (const record of data) {
    if (record.error) {
      errors.push(lineError(record.line, record.error));
      continue;
    }
    const parsed = parseImportRow(record.line, record.fields);
    if (parsed.ok) rows.push(parsed.row);
    else errors.push(...parsed.errors);
  }
  errors.push(...checkAcrossLines(rows));
  return { lines: data.length, rows, errors, readable: true };
}
