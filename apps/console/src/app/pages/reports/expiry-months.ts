import type { ExpiryReport } from '@certdesk/contracts';
import type { ChartData } from 'chart.js';

export type ExpiryMonth = ExpiryReport['months'][number];
export interface Branch {
  readonly code: string;
  readonly name: string;
}

/** Distinct, print-friendly colours; a credit union has a handful of branches, more repeat. */
const BRANCH_COLORS = [
  '#005cbb',
  '#e8710a',
  '#1e8e3e',
  '#d93025',
  '#9334e6',
  '#12b5cb',
  '#e52592',
  '#b08800',
  '#5f6368',
  '#7cb342',
];

/** `2026-09` → `2026年9月` */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** Chart axis: `9月` with the year under the first month and under every January. */
export function monthAxisLabels(months: readonly string[]): string[][] {
  return months.map((month, i) => {
    const [y, m] = month.split('-').map(Number);
    return i === 0 || m === 1 ? [`${m}月`, `${y}年`] : [`${m}月`];
  });
}

/** Every branch that appears in any month, by 店番. */
export function branchesOf(months: readonly ExpiryMonth[]): Branch[] {
  const byCode = new Map<string, Branch>();
  for (const month of months) {
    for (const { code, name } of month.branches)
      byCode.set(code, { code, name });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function countOf(month: ExpiryMonth, code: string): number {
  return month.branches.find((b) => b.code === code)?.count ?? 0;
}

export function branchLabel(branch: Branch): string {
  return `${branch.code} ${branch.name}`;
}

/** One stacked dataset per branch, one bar per month: the bar's height is the month's total. */
export function expiryStackData(
  months: readonly ExpiryMonth[],
): ChartData<'bar', number[], string[]> {
  return {
    labels: monthAxisLabels(months.map((m) => m.month)),
    datasets: branchesOf(months).map((branch, i) => ({
      label: branchLabel(branch),
      data: months.map((m) => countOf(m, branch.code)),
      backgroundColor: BRANCH_COLORS[i % BRANCH_COLORS.length],
      stack: 'branches',
      maxBarThickness: 48,
    })),
  };
}
