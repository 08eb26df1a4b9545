import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import type { StaffChangeRequestView } from '@certdesk/contracts';
import { formatJstMinute } from '../../core/jst-datetime';
import type { StaffChangeDecisionKind } from './staff-api';
import { staffChangeLabel } from './staff-change-labels';

export interface StaffChangeAction {
  readonly change: StaffChangeRequestView;
  readonly kind: StaffChangeDecisionKind;
}

/**
 * 承認待ちの変更: changes one admin asked for that another admin approves (承認) or rejects (却下);
 * the requester may only withdraw (取消) their own, and nobody decides a change to their own account.
 */
@Component({
  selector: 'cd-staff-changes-panel',
  imports: [MatTableModule, MatButtonModule],
  template: `
    <section class="cd-staff-changes" aria-labelledby="cd-staff-changes-title">
      <h2 id="cd-staff-changes-title" class="cd-staff-changes-title">
        承認待ちの変更（{{ changes().length }}件）
      </h2>
      <p class="cd-muted">
        権限「役席」「システム管理」の付与と、システム管理者のパスワード再発行は、依頼した管理者とは別のシステム管理者が承認すると反映されます。
      </p>
      <table mat-table [dataSource]="changes()" class="cd-change-table">
        <ng-container matColumnDef="change">
          <th mat-header-cell *matHeaderCellDef>内容</th>
          <td mat-cell *matCellDef="let c">{{ label(c) }}</td>
        </ng-container>
        <ng-container matColumnDef="target">
          <th mat-header-cell *matHeaderCellDef>対象</th>
          <td mat-cell *matCellDef="let c">
            {{ c.displayName }}（{{ c.username }}）
          </td>
        </ng-container>
        <ng-container matColumnDef="requestedBy">
          <th mat-header-cell *matHeaderCellDef>依頼者</th>
          <td mat-cell *matCellDef="let c">
            {{ c.requestedBy.name }}
            <span class="cd-muted cd-nowrap">{{ minute(c.requestedAt) }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef>操作</th>
          <td mat-cell *matCellDef="let c" class="cd-row-actions">
            @if (c.requestedBy.id === myId()) {
              <span class="cd-muted">別の管理者の承認待ち</span>
              <button
                mat-button
                type="button"
                [disabled]="busyId() === c.id"
                (click)="withdraw.emit(c)"
              >
                取消
              </button>
            } @else if (c.staffId === myId()) {
              <span class="cd-muted">（ご自身に関する変更）</span>
            } @else {
              <button
                mat-flat-button
                type="button"
                (click)="decide.emit({ change: c, kind: 'approve' })"
              >
                承認
              </button>
              <button
                mat-button
                type="button"
                (click)="decide.emit({ change: c, kind: 'reject' })"
              >
                却下
              </button>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </section>
  `,
  styles: `
    .cd-staff-changes {
      margin-bottom: 24px;
    }
    .cd-staff-changes-title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 4px;
    }
    .cd-change-table {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .cd-row-actions {
      white-space: nowrap;
      text-align: right;
    }
    .cd-nowrap {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffChangesPanel {
  readonly changes = input.required<readonly StaffChangeRequestView[]>();
  /** The signed-in admin. */
  readonly myId = input<string | undefined>();
  /** The change whose cancellation is being sent. */
  readonly busyId = input<string | null>(null);
  readonly decide = output<StaffChangeAction>();
  readonly withdraw = output<StaffChangeRequestView>();

  protected readonly columns = ['change', 'target', 'requestedBy', 'actions'];
  protected readonly label = staffChangeLabel;
  protected readonly minute = formatJstMinute;
}
