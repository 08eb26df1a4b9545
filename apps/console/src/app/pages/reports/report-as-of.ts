import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { ReportHeader } from '@certdesk/contracts';
import { formatJstDateTime } from '../../core/jst-datetime';

/** 「さくら信用金庫 ・ 2026/12/01 09:00:00 時点」: whose figures, and when the server made them (JST). */
@Component({
  selector: 'cd-report-as-of',
  template: `{{ text() }}`,
  host: { 'data-testid': 'report-as-of' },
  styles: `
    :host {
      display: block;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportAsOf {
  readonly header =
    input.required<Pick<ReportHeader, 'asOf' | 'creditUnion'>>();

  protected readonly text = computed(() => {
    const { creditUnion, asOf } = this.header();
    return `${creditUnion.name} ・ ${formatJstDateTime(asOf)} 時点`;
  });
}
