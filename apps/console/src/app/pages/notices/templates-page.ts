import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { NoticeTemplateSummary } from '@certdesk/contracts';
import { formatJstMinute } from '../../core/jst-datetime';
import { loadOnChange } from '../../core/async-state';
import { ErrorAlert } from '../../core/ui/error-alert';
import { CHANNEL_LABELS, authorLabel, versionLabel } from './notice-labels';
import { NoticesApi } from './notices-api';
import { NoticesTabs } from './notices-tabs';

/** 通知テンプレート: every kind of notice with the version in use and the open draft; a row opens the editor. */
@Component({
  selector: 'cd-templates-page',
  imports: [
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    ErrorAlert,
    NoticesTabs,
  ],
  template: `
    <cd-notices-tabs active="">
      @let s = state();
      @if (s.loading) {
        <mat-progress-bar mode="indeterminate" aria-label="読み込み中" />
      }
      <cd-error-alert [error]="s.error" />
      @if (s.value; as kinds) {
        <table mat-table [dataSource]="kinds" class="cd-notice-table">
          <ng-container matColumnDef="label">
            <th mat-header-cell *matHeaderCellDef>通知</th>
            <td mat-cell *matCellDef="let k">
              <a class="cd-link" [routerLink]="['/templates', k.kind]">{{
                k.label
              }}</a>
              <div class="cd-sub">{{ k.description }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="channel">
            <th mat-header-cell *matHeaderCellDef>送り方</th>
            <td mat-cell *matCellDef="let k" class="cd-nowrap">
              {{ channel(k) }}
            </td>
          </ng-container>
          <ng-container matColumnDef="published">
            <th mat-header-cell *matHeaderCellDef>公開中の版</th>
            <td mat-cell *matCellDef="let k" class="cd-nowrap">
              {{ version(k.publishedVersion) }}
              <div class="cd-sub">{{ published(k) }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="draft">
            <th mat-header-cell *matHeaderCellDef>下書き</th>
            <td mat-cell *matCellDef="let k" class="cd-nowrap">
              @if (k.draftVersion !== null) {
                {{ version(k.draftVersion) }}
                <div class="cd-sub">{{ time(k.draftUpdatedAt) }} 保存</div>
              } @else {
                <span class="cd-muted">なし</span>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr
            mat-row
            *matRowDef="let row; columns: columns"
            class="cd-row"
            [attr.data-kind]="row.kind"
            (click)="open(row)"
          ></tr>
        </table>
      }
    </cd-notices-tabs>
  `,
  styleUrl: './notices.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplatesPage {
  private readonly api = inject(NoticesApi);
  private readonly router = inject(Router);

  protected readonly state = loadOnChange(signal(null), () =>
    this.api.templates(),
  );
  protected readonly columns = ['label', 'channel', 'published', 'draft'];
  protected readonly version = versionLabel;
  protected readonly time = formatJstMinute;

  protected channel(k: NoticeTemplateSummary): string {
    return CHANNEL_LABELS[k.channel];
  }

  protected published(k: NoticeTemplateSummary): string {
    return k.publishedAt
      ? `${formatJstMinute(k.publishedAt)} ${authorLabel(k.publishedBy)}`
      : authorLabel(k.publishedBy);
  }

  protected open(k: NoticeTemplateSummary): void {
    void this.router.navigate(['/templates', k.kind]);
  }
}
