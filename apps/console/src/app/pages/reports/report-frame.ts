import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ReportHeader } from '@certdesk/contracts';
import type { LoadError } from '../../core/async-state';
import { ErrorAlert } from '../../core/ui/error-alert';
import { ReportAsOf } from './report-as-of';

/**
 * The layout every report tab shares: whose figures and as of when, the filter (`[filter]`) and
 * 「CSV出力」 (`cd-csv-export`) on one row, then the report itself, a loading bar or the API's error.
 */
@Component({
  selector: 'cd-report-frame',
  imports: [ErrorAlert, MatProgressBarModule, ReportAsOf],
  template: `
    <div class="cd-report-head">
      @if (header(); as h) {
        <cd-report-as-of [header]="h" />
      }
    </div>
    <div class="cd-report-toolbar">
      <ng-content select="[filter]" />
      <ng-content select="cd-csv-export" />
    </div>
    <div class="cd-results">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="読み込み中" />
      }
      <cd-error-alert [error]="error()" />
      <ng-content />
    </div>
  `,
  styleUrl: './report-frame.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFrame {
  readonly header = input<Pick<ReportHeader, 'asOf' | 'creditUnion'> | null>(
    null,
  );
  readonly loading = input(false);
  readonly error = input<LoadError | null>(null);
}
