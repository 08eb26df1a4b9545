/**
 * A small RFC 4180 reader: fields separated by commas, records by CRLF, LF or a lone CR; a field
 * in double quotes may hold commas, line breaks and doubled quotes (`""` → `"`).
 *
 * Records are numbered as a spreadsheet numbers rows (the first is 1; a line break inside quotes
 * does not start a new one), so an error's line number is the row the user sees in Excel.
 * A malformed record is returned with `error` set and reading goes on with the next record, so
 * that every bad line can be reported at once.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Why the record is malformed (Japanese, says what to fix); its `fields` are then unreliable. */
  error?: string;
}

const QUOTE_IN_UNQUOTED_FIELD =
  '値の途中に "（ダブルクォート）があります。" を含む値は全体を " で囲み、中の " は "" と2つ重ねてください';
const TEXT_AFTER_CLOSING_QUOTE =
  '" で囲んだ値の後に文字があります。値全体を " で囲み、中の " は "" と2つ重ねてください';
const UNTERMINATED_QUOTE =
  '" で始まる値が閉じられていません（ファイルの終わりまで " がありません）';

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let error: string | undefined;
  let recordStart = 0;
  let i = 0;

  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(
      error === undefined
        ? { line: records.length + 1, fields }
        : { line: records.length + 1, fields, error },
    );
    fields = [];
    error = undefined;
    recordStart = i + 1;
  };
  const fail = (message: string): void => {
    error ??= message;
  };

  while (i < text.length) {
    const fieldStart =
      i === 0 ||
      text[i - 1] === ',' ||
      text[i - 1] === '\n' ||
      text[i - 1] === '\r';
    const ch = text[i];
    if (ch === '"' && fieldStart && field === '') {
      const close = readQuoted(text, i + 1);
      if (close === null) {
        field += text.slice(i + 1).replace(/""/g, '"');
        fail(UNTERMINATED_QUOTE);
        i = text.length;
        break;
      }
      field += close.value;
      i = close.next;
      if (
        i < text.length &&
        text[i] !== ',' &&
        text[i] !== '\n' &&
        text[i] !== '\r'
      )
        fail(TEXT_AFTER_CLOSING_QUOTE);
      continue;
    }
    if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      if (ch === '"') fail(QUOTE_IN_UNQUOTED_FIELD);
      field += ch;
    }
    i++;
  }
  // The last record needs no line break after it; a file ending in one has no empty last record.
  if (recordStart < text.length) endRecord();
  return records;
}

/** From just after an opening quote: the unescaped value and the index after the closing quote. */
function readQuoted(
  text: string,
  start: number,
): { value: string; next: number } | null {
  let value = '';
  let i = start;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return null;
    value += text.slice(i, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      i = quote + 2;
    } else {
      return { value, next: quote + 1 };
    }
  }
}

/** True for a row with nothing in it (an empty line, or only commas and spaces as Excel may write). */
export function isBlankRecord(record: CsvRecord): boolean {
  return (
    record.error === undefined && record.fields.every((f) => f.trim() === '')
  );
}
