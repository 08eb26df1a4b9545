import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type {
  ClosureResultView,
  RemovalRequestView,
} from '@certdesk/contracts';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { formatJstDateTime } from '../../core/jst-datetime';

type Decision = 'approve' | 'reject' | 'cancel';

const CONFIRM: Readonly<Record<Decision, string>> = {
  approve:
    '承認すると、一覧のご契約先は解約済み・IB利用者は削除済みになり、電子証明書は失効します。元に戻せません。',
  reject:
    '却下すると、この削除・解約は適用されません（取込の新規・変更はそのままです）。',
  cancel: 'ご自身の取込による削除・解約の承認依頼を取り消します。',
};

const LABEL: Readonly<Record<Decision, string>> = {
  approve: '承認して適用する',
  reject: '却下する',
  cancel: '取り消す',
};

/**
 * 削除・解約の承認: a full-file import's removals held above the threshold. A manager or admin who
 * did not run the import approves (applied then) or rejects; the importer may withdraw. Each
 * decision asks once more before it is sent; the server's refusal is shown in place.
 */
@Component({
  selector: 'cd-removal-requests-page',
  imports: [MatButtonModule],
  template: `
    <h1 class="cd-page-title">削除・解約の承認</h1>
    <p class="cd-muted">
      全件ファイルの取込で、削除・解約の件数が基準を超えたものです。取り込んだ職員以外の役席またはシステム管理者が承認すると適用されます。
    </p>
    @if (message(); as m) {
      <p
        class="cd-alert"
        [class]="m.error ? 'cd-alert-error' : 'cd-alert-success'"
        role="status"
      >
        {{ m.text }}
      </p>
    }
    @if (requests() === null) {
      <p class="cd-muted" role="status">読み込み中…</p>
    } @else if (requests()?.length === 0) {
      <p class="cd-muted" data-testid="removal-requests-empty">
        承認待ちの削除・解約はありません
      </p>
    } @else {
      <table class="cd-table" data-testid="removal-requests">
        <thead>
          <tr>
            <th scope="col">状態</th>
            <th scope="col">ファイル</th>
            <th scope="col">解約・削除</th>
            <th scope="col">取込</th>
            <th scope="col">決裁</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          @for (r of requests(); track r.id) {
            <tr [attr.data-testid]="'removal-request-' + r.id">
              <td>{{ r.statusLabel }}</td>
              <td>{{ r.fileName ?? '（名前なし）' }}</td>
              <td>
                ご契約先 {{ r.closedCustomers }} 件（{{
                  r.activeCustomers
                }}
                件中）・IB利用者 {{ r.removedIbUsers }} 名（{{
                  r.activeIbUsers
                }}
                名中、基準 {{ r.thresholdPercent }}%）
              </td>
              <td>{{ r.requestedBy.name }}<br />{{ time(r.requestedAt) }}</td>
              <td>
                @if (r.decidedBy; as d) {
                  {{ d.name }}<br />{{ time(r.decidedAt) }}
                } @else {
                  —
                }
              </td>
              <td>
                @if (r.status === 'pending') {
                  @if (confirming()?.id === r.id) {
                    <p class="cd-alert cd-alert-info">{{ confirmText() }}</p>
                    <button
                      mat-flat-button
                      type="button"
                      data-testid="decision-confirm"
                      [disabled]="busy()"
                      (click)="send(r)"
                    >
                      {{ confirmLabel() }}
                    </button>
                    <button
                      mat-button
                      type="button"
                      (click)="confirming.set(null)"
                    >
                      キャンセル
                    </button>
                  } @else if (isMine(r)) {
                    <button
                      mat-stroked-button
                      type="button"
                      (click)="ask(r, 'cancel')"
                    >
                      取り消す
                    </button>
                  } @else {
                    <button
                      mat-flat-button
                      type="button"
                      (click)="ask(r, 'approve')"
                    >
                      承認
                    </button>
                    <button
                      mat-stroked-button
                      type="button"
                      (click)="ask(r, 'reject')"
                    >
                      却下
                    </button>
                  }
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RemovalRequestsPage {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  protected readonly requests = signal<RemovalRequestView[] | null>(null);
  protected readonly confirming = signal<{
    id: string;
    decision: Decision;
  } | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<{ text: string; error: boolean } | null>(
    null,
  );
  protected readonly confirmText = computed(() => {
    const c = this.confirming();
    return c ? CONFIRM[c.decision] : '';
  });
  protected readonly confirmLabel = computed(() => {
    const c = this.confirming();
    return c ? LABEL[c.decision] : '';
  });
  protected readonly time = (iso: string | null) =>
    iso ? formatJstDateTime(iso) : '';

  constructor() {
    void this.load();
  }

  protected isMine(r: RemovalRequestView): boolean {
    return (
      r.requestedBy.id !== null &&
      r.requestedBy.id === this.auth.session()?.staffId
    );
  }

  protected ask(r: RemovalRequestView, decision: Decision): void {
    this.message.set(null);
    this.confirming.set({ id: r.id, decision });
  }

  protected async send(r: RemovalRequestView): Promise<void> {
    const c = this.confirming();
    if (!c || this.busy()) return;
    this.busy.set(true);
    try {
      const url = `/api/removal-requests/${encodeURIComponent(r.id)}/${c.decision}`;
      const result = await firstValueFrom(
        this.http.post<ClosureResultView | null>(url, {}),
      );
      this.message.set({
        error: false,
        text:
          c.decision === 'approve' && result
            ? `承認しました: ご契約先 ${result.closedCustomers} 件を解約、IB利用者 ${result.removedIbUsers} 名を削除、電子証明書 ${result.revokedCertificates} 件を失効しました`
            : c.decision === 'reject'
              ? '却下しました'
              : '取り消しました',
      });
    } catch (error: unknown) {
      this.message.set({ error: true, text: apiErrorMessage(error) });
    } finally {
      this.busy.set(false);
      this.confirming.set(null);
      await this.load();
    }
  }

  private async load(): Promise<void> {
    try {
      this.requests.set(
        await firstValueFrom(
          this.http.get<RemovalRequestView[]>('/api/removal-requests'),
        ),
      );
    } catch (error: unknown) {
      this.requests.set([]);
      this.message.set({ error: true, text: apiErrorMessage(error) });
    }
  }
}
