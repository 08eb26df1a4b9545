import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { NoticeDeliveryItem } from '@certdesk/contracts';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { formatJstMinute } from '../../core/jst-datetime';
import { loadOnChange } from '../../core/async-state';
import { ErrorAlert } from '../../core/ui/error-alert';
import { NoticesApi } from './notices-api';

/** One notice of 送信履歴 with the exact text sent, the template version and the mail server's answer. */
@Component({
  selector: 'cd-delivery-detail-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatProgressBarModule,
    ErrorAlert,
    JapaneseDatePipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ item.kindLabel }}</h2>
    <mat-dialog-content>
      @let s = state();
      @if (s.loading) {
        <mat-progress-bar mode="indeterminate" aria-label="読み込み中" />
      }
      <cd-error-alert [error]="s.error" />
      @if (s.value; as n) {
        <dl class="cd-facts">
          <dt>ご契約先</dt>
          <dd>
            {{ n.customer.companyName }}（{{ n.customer.contractNumber }}）
          </dd>
          <dt>利用者</dt>
          <dd>{{ n.ibUser.name }}</dd>
          <dt>宛先</dt>
          <dd>{{ n.recipient ?? '—' }}</dd>
          <dt>通知日</dt>
          <dd>
            {{ n.milestoneLabel ?? '—' }}（業務日付
            {{ n.businessDate | jaDate }}）
          </dd>
          <dt>状態</dt>
          <dd>
            {{ n.statusLabel }}
            @if (n.reason) {
              ：{{ n.reason }}
            }
          </dd>
          <dt>送信日時</dt>
          <dd>{{ n.sentAt ? time(n.sentAt) : '—' }}</dd>
          <dt>テンプレート</dt>
          <dd>
            {{
              n.templateVersion !== null ? '第' + n.templateVersion + '版' : '—'
            }}
          </dd>
          @if (n.smtpResponse || n.lastError) {
            <dt>メールサーバーの応答</dt>
            <dd class="cd-mono">{{ n.lastError ?? n.smtpResponse }}</dd>
          }
          @if (n.messageId) {
            <dt>Message-ID</dt>
            <dd class="cd-mono">{{ n.messageId }}</dd>
          }
        </dl>
        @if (n.body !== null) {
          <h3 class="cd-text-title">件名: {{ n.subject }}</h3>
          <pre class="cd-text" data-testid="sent-text">{{ n.body }}</pre>
        } @else {
          <p class="cd-muted">まだ送信していないため、文面はありません。</p>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>閉じる</button>
    </mat-dialog-actions>
  `,
  styleUrl: './notice-text.scss',
  styles: `
    .cd-mono {
      font-family: monospace;
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveryDetailDialog {
  protected readonly item = inject<NoticeDeliveryItem>(MAT_DIALOG_DATA);
  private readonly api = inject(NoticesApi);
  protected readonly state = loadOnChange(signal(this.item.id), (id) =>
    this.api.delivery(id),
  );
  protected readonly time = formatJstMinute;
}
