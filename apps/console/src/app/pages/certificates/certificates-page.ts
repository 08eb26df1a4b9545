import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import type { CertificateSearchItem } from '@certdesk/contracts';
import {
  CUSTOMER_STATUS_LABELS,
  IB_USER_STATUS_LABELS,
} from '@certdesk/domain';
import { loadOnChange } from '../../core/async-state';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { daysLeftLabel } from '../../core/lifecycle/days-left';
import { StatusChip } from '../../core/lifecycle/status-chip';
import { injectQueryState } from '../../core/query-state';
import { CertificateSearchApi } from './certificate-search-api';
import { CertificateSearchForm, SearchChange } from './search-form';
import {
  SEARCH_KEYS,
  SearchFilters,
  normalizeFilters,
  sameFilters,
} from './search-query';
import { ErrorAlert } from '../../core/ui/error-alert';
import { KeysetPager } from '../../core/ui/keyset-pager';
import {
  CompanyColumn,
  CompanyOfRow,
  IbUserColumn,
} from '../../core/ui/table/list-columns';
import { TableRows } from '../../core/ui/table/table-rows';

/** History state the customer page reads to offer 「検索結果に戻る」. */
export interface ReturnState {
  readonly returnUrl: string;
}

/**
 * 証明書検索: the credit union's IB users and their certificates. The URL holds the search
 * (bookmarkable, shareable) and the page's cursor; the cursors before it live in the history entry.
 */
@Component({
  selector: 'cd-certificates-page',
  imports: [
    ErrorAlert,
    KeysetPager,
    MatButtonModule,
    MatProgressBarModule,
    MatTableModule,
    CertificateSearchForm,
    CompanyColumn,
    TableRows,
    IbUserColumn,
    StatusChip,
    JapaneseDatePipe,
  ],
  templateUrl: './certificates-page.html',
  styleUrl: './certificates-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificatesPage {
  private readonly api = inject(CertificateSearchApi);
  private readonly router = inject(Router);
  /** The search in the URL, named as the API names it. */
  private readonly url = injectQueryState(SEARCH_KEYS);

  protected readonly filters = computed<SearchFilters>(
    () => normalizeFilters(this.url.query()),
    { equal: sameFilters },
  );
  protected readonly cursor = this.url.cursor;
  protected readonly result = loadOnChange(
    computed(() => ({ filters: this.filters(), cursor: this.cursor() })),
    ({ filters, cursor }) => this.api.search(filters, cursor ?? null),
  );
  protected readonly items = computed(() => this.result().value?.items ?? []);
  protected readonly nextCursor = computed(
    () => this.result().value?.nextCursor ?? null,
  );
  protected readonly loading = computed(() => this.result().loading);

  protected readonly columns = [
    'contract',
    'company',
    'user',
    'expiry',
    'daysLeft',
    'status',
  ];
  protected readonly companyOf = ({
    customer,
  }: CertificateSearchItem): CompanyOfRow => ({
    customerId: customer.id,
    name: customer.companyName,
    sub: customer.companyNameKana,
  });
  protected readonly userOf = (item: CertificateSearchItem) => item.ibUser;
  protected readonly daysLeft = daysLeftLabel;
  protected readonly closureLabel = (closure: 'closed' | 'removed') =>
    closure === 'closed'
      ? CUSTOMER_STATUS_LABELS.closed
      : IB_USER_STATUS_LABELS.removed;
  /** Enter was pressed before the results it meant had arrived. */
  private openFirstOnLoad = false;

  constructor() {
    // Enter before the results it meant: the first row once they are in (none after an error).
    effect(() => {
      const { loading, value } = this.result();
      if (loading || !this.openFirstOnLoad) return;
      this.openFirstOnLoad = false;
      const first = value?.items[0];
      if (first) this.open(first);
    });
  }

  protected search({ filters, replaceUrl }: SearchChange): void {
    if (sameFilters(filters, this.filters()) && !this.cursor()) return;
    this.url.search(filters, { replaceUrl });
  }

  /** Enter in the search box: the first row of these filters' results, now or when they arrive. */
  protected openFirst(filters: SearchFilters): void {
    if (sameFilters(filters, this.filters()) && !this.loading()) {
      const first = this.items()[0];
      if (first) this.open(first);
      return;
    }
    this.openFirstOnLoad = true;
    this.search({ filters, replaceUrl: true });
  }

  /** A row opens its customer (a click outside the company link, which handles its own). */
  protected readonly open = (item: CertificateSearchItem): void => {
    void this.router.navigate(['/customers', item.customer.id], {
      state: this.returnState(),
    });
  };

  protected returnState(): ReturnState {
    return { returnUrl: this.router.url };
  }
}
