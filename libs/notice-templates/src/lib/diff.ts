/** One line of a line-by-line comparison of two texts. */
export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Line diff of `before` → `after` (longest common subsequence; templates are a few hundred lines
 * at most). Deleted lines come before the inserted lines that replace them.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ op: 'equal', text: a[i] });
      i++;
      j++;
    } else if (
      j >= b.length ||
      (i < a.length && lcs[i + 1][j] >= lcs[i][j + 1])
    ) {
      lines.push({ op: 'delete', text: a[i++] });
    } else {
      lines.push({ op: 'insert', text: b[j++] });
    }
  }
  return lines;
}
