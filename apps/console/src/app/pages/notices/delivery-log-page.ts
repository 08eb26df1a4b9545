import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { NoticeDeliveryItem } from '@certdesk/contracts';
import { catchError, forkJoin, of } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { formatJstMinute } from '../../core/jst-datetime';
import { IbRoleBadge } from '../../core/lifecycle/ib-role-badge';
import { injectQueryState } from '../../core/query-state';
import { loadOnChange } from '../../core/async-state';
import { ErrorAlert } from '../../core/ui/error-alert';
import { KeysetPager } from '../../core/ui/keyset-pager';
import { TableRows } from '../../core/ui/table/table-rows';
import { TextColumn, dayOf } from '../../core/ui/table/text-column';
import { injectNotify } from '../../core/ui/notify';
import { DeliveryDetailDialog } from './delivery-detail-dialog';
import { DeliveryFilters } from './delivery-filters';
import {
  DELIVERY_FILTER_KEYS,
  DeliveryFilters as Filters,
  NoticesApi,
} from './notices-api';
import { NoticesTabs } from './notices-tabs';

/**
 * 送信履歴 (`/templates/log`): every notice queued, sent, skipped, cancelled or failed, newest first,
 * filtered through the URL, 50 a page (keyset: 次へ/前へ). Managers resend a failed one.
 */
@Component({
  selector: 'cd-delivery-log-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    DeliveryFilters,
    TableRows,
    TextColumn,
    ErrorAlert,
    IbRoleBadge,
    KeysetPager,
    NoticesTabs,
  ],
  templateUrl: './delivery-log-page.html',
  styleUrl: './notices.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveryLogPage {
  private readonly api = inject(NoticesApi);
  /** The page's state is its URL. */
  private readonly url = injectQueryState(DELIVERY_FILTER_KEYS);
  private readonly dialog = inject(MatDialog);
  private readonly notify = injectNotify();
  private readonly auth = inject(AuthService);
  protected readonly mayResend = computed(() => this.auth.can('notices.run'));

  protected readonly filters = this.url.query;
  protected readonly cursor = this.url.cursor;
  /** Bumped after a resend: the same page again. */
  private readonly reloads = signal(0);
  protected readonly log = loadOnChange(
    computed(() => ({
      filters: this.filters(),
      cursor: this.cursor(),
      n: this.reloads(),
    })),
    ({ filters, cursor }) => this.api.deliveries(filters, cursor),
  );
  /** The kinds and milestones the filters offer (the filters work without them). */
  protected readonly options = loadOnChange(signal(null), () =>
    forkJoin({
      kinds: this.api.templates(),
      schedule: this.api.schedule().pipe(catchError(() => of(null))),
    }),
  );
  protected readonly items = computed(() => this.log().value?.items ?? []);
  protected readonly nextCursor = computed(
    () => this.log().value?.nextCursor ?? null,
  );
  protected readonly resending = signal<string | null>(null);
  protected readonly columns = [
    'businessDate',
    'notice',
    'customer',
    'recipient',
    'expiry',
    'status',
    'sentAt',
    'actions',
  ];
  protected readonly idOf = (item: NoticeDeliveryItem) => item.id;
  protected readonly businessDate = dayOf('businessDate');
  protected readonly expiry = dayOf('expiryDate');
  protected readonly sentAt = (item: NoticeDeliveryItem): string =>
    item.sentAt ? formatJstMinute(item.sentAt) : '—';

  protected search(filters: Filters): void {
    this.url.search(filters);
  }

  protected open(item: NoticeDeliveryItem): void {
    this.dialog.open(DeliveryDetailDialog, { data: item, width: '720px' });
  }

  protected resend(item: NoticeDeliveryItem): void {
    this.resending.set(item.id);
    this.api.resend(item.id).subscribe({
      next: () => {
        this.resending.set(null);
        this.notify(`${item.ibUser.name} 様への通知を再送します（送信待ち）`);
        this.reloads.update((n) => n + 1);
      },
      error: (error: unknown) => {
        this.resending.set(null);
        this.notify(apiErrorMessage(error));
      },
    });
  }
}
