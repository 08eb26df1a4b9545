import { diffLines } from './diff';

describe('diffLines', () => {
  it('marks unchanged, deleted and inserted lines in order', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'delete', text: 'b' },
      { op: 'insert', text: 'x' },
      { op: 'equal', text: 'c' },
      { op: 'insert', text: 'd' },
    ]);
  });

  it('gives only equal lines for the same text, and rebuilds both sides', () => {
    expect(diffLines('一\n二', '一\n二').every((l) => l.op === 'equal')).toBe(
      true,
    );
    const before = 'x\ny\nz\nw';
    const after = 'y\nq\nw\nw';
    const lines = diffLines(before, after);
    const side = (skipped: 'insert' | 'delete') =>
      lines
        .filter((l) => l.op !== skipped)
        .map((l) => l.text)
        .join('\n');
    expect(side('insert')).toBe(before);
    expect(side('delete')).toBe(after);
  });
});
