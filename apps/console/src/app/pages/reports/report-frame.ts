import {
  ChangeDetectionStrategy,
  Component,
  booleanAttribute,
  input,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ReportHeader } from '@certdesk/contracts';
import type { Loaded } from '../../core/async-state';
import { ErrorAlert } from '../../core/ui/error-alert';
import { KeysetPager } from '../../core/ui/keyset-pager';
import { ReportAsOf } from './report-as-of';

type FrameHeader = Pick<ReportHeader, 'asOf' | 'creditUnion'> & {
  readonly nextCursor?: string | null;
};

/**
 * The layout every report tab shares: whose figures and as of when, the filter (`[filter]`) and
 * 「CSV出力」 (`cd-csv-export`) on one row, then the report itself, a loading bar or the API's error;
 * when `paged`, 次へ/前へ under the report.
 */
@Component({
  selector: 'cd-report-frame',
  imports: [ErrorAlert, KeysetPager, MatProgressBarModule, ReportAsOf],
  template: `
    @let r = report();
    <div class="cd-report-head">
      @if (r.value; as h) {
        <cd-report-as-of [header]="h" />
      }
    </div>
    <div class="cd-report-toolbar">
      <ng-content select="[filter]" />
      <ng-content select="cd-csv-export" />
    </div>
    <div class="cd-results">
      @if (r.loading) {
        <mat-progress-bar mode="indeterminate" aria-label="読み込み中" />
      }
      <cd-error-alert [error]="r.error" />
      <ng-content />
      @if (paged() && !r.error) {
        <cd-keyset-pager
          [cursor]="cursor()"
          [nextCursor]="r.value?.nextCursor ?? null"
          [loading]="r.loading"
        />
      }
    </div>
  `,
  styleUrl: './report-frame.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFrame {
  /** The report as loaded: whose figures and as of when (its header), loading, the API's error. */
  readonly report = input.required<Loaded<FrameHeader>>();
  /** A report in pages (次へ/前へ under it): `cursor` is the page shown, the report has the next one's. */
  readonly paged = input(false, { transform: booleanAttribute });
  readonly cursor = input<string | null | undefined>();
}
