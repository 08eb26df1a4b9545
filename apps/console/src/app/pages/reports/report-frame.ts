import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ReportHeader } from '@certdesk/contracts';
import type { LoadError } from '../../core/async-state';
import { ReportAsOf } from './report-as-of';

/**
 * The layout every report tab shares: whose figures and as of when, the filter (`[filter]`) and
 * 「CSV出力」 (`cd-csv-export`) on one row, then the report itself, a loading bar or the API's error.
 */
@Component({
  selector: 'cd-report-frame',
  imports: [MatProgressBarModule, ReportAsOf],
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
    <div class="cd-report-body">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="読み込み中" />
      }
      @if (error(); as e) {
        <div class="cd-alert cd-alert-error" role="alert">
          {{ e.message }}
          @if (e.reasons.length) {
            <ul>
              @for (reason of e.reasons; track $index) {
                <li>{{ reason }}</li>
              }
            </ul>
          }
        </div>
      }
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
      padding-top: 16px;
    }
    .cd-report-head {
      min-height: 24px;
      margin-bottom: 8px;
    }
    .cd-report-toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      align-items: flex-start;
      justify-content: space-between;
      margin-bottom: 8px;

      > cd-csv-export {
        flex: 1 1 360px;
      }
    }
    .cd-report-body {
      position: relative;
      min-height: 8px;

      mat-progress-bar {
        position: absolute;
        top: 0;
        left: 0;
        right: 0;
        z-index: 1;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFrame {
  readonly header = input<Pick<ReportHeader, 'asOf' | 'creditUnion'> | null>(
    null,
  );
  readonly loading = input(false);
  readonly error = input<LoadError | null>(null);
}
