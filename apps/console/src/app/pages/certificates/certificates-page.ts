import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type {
  CertificateSearchItem,
  CertificateSearchPage,
} from '@certdesk/contracts';
import {
  CUSTOMER_STATUS_LABELS,
  IB_USER_STATUS_LABELS,
} from '@certdesk/domain';
import { catchError, map, of, switchMap } from 'rxjs';
import { apiErrorMessage, apiErrorReasons } from '../../core/api-error';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { daysLeftLabel } from '../../core/lifecycle/days-left';
import { IbRoleBadge } from '../../core/lifecycle/ib-role-badge';
import { StatusChip } from '../../core/lifecycle/status-chip';
import { CertificateSearchApi } from './certificate-search-api';
import { CertificateSearchForm, SearchChange } from './search-form';
import {
  SearchFilters,
  normalizeFilters,
  sameFilters,
  searchParams,
} from './search-query';
import { ErrorAlert } from '../../core/ui/error-alert';
import { KeysetPager } from '../../core/ui/keyset-pager';

interface SearchError {
  readonly message: string;
  readonly reasons: readonly string[];
}

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
    RouterLink,
    CertificateSearchForm,
    IbRoleBadge,
    StatusChip,
    JapaneseDatePipe,
  ],
  templateUrl: './certificates-page.html',
  styleUrl: './certificates-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificatesPage {
  /** Query parameters (withComponentInputBinding), named as the API names them. */
  readonly q = input<string>();
  readonly status = input<string>();
  readonly branch = input<string>();
  readonly ibRole = input<string>();
  readonly expiresFrom = input<string>();
  readonly expiresTo = input<string>();
  readonly sort = input<string>();
  readonly cursor = input<string>();

  private readonly api = inject(CertificateSearchApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly filters = computed<SearchFilters>(
    () =>
      normalizeFilters({
        q: this.q(),
        status: this.status(),
        branch: this.branch(),
        ibRole: this.ibRole(),
        expiresFrom: this.expiresFrom(),
        expiresTo: this.expiresTo(),
        sort: this.sort(),
      }),
    { equal: sameFilters },
  );

  protected readonly columns = [
    'contract',
    'company',
    'user',
    'expiry',
    'daysLeft',
    'status',
  ];
  protected readonly items = signal<CertificateSearchItem[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<SearchError | null>(null);
  protected readonly daysLeft = daysLeftLabel;
  protected readonly closureLabel = (closure: 'closed' | 'removed') =>
    closure === 'closed'
      ? CUSTOMER_STATUS_LABELS.closed
      : IB_USER_STATUS_LABELS.removed;
  /** Enter was pressed before the results it meant had arrived. */
  private openFirstOnLoad = false;

  constructor() {
    const request = computed(() => ({
      filters: this.filters(),
      cursor: this.cursor() ?? null,
    }));
    toObservable(request)
      .pipe(
        switchMap(({ filters, cursor }) => {
          this.loading.set(true);
          this.error.set(null);
          return this.api.search(filters, cursor).pipe(
            map((page): CertificateSearchPage | SearchError => page),
            catchError((error: unknown) =>
              of<SearchError>({
                message: apiErrorMessage(error),
                reasons: apiErrorReasons(error),
              }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) =>
        'items' in result ? this.show(result) : this.fail(result),
      );
  }

  protected search({ filters, replaceUrl }: SearchChange): void {
    if (sameFilters(filters, this.filters()) && !this.cursor()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: searchParams(filters),
      replaceUrl,
    });
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

  protected open(item: CertificateSearchItem): void {
    void this.router.navigate(['/customers', item.customer.id], {
      state: this.returnState(),
    });
  }

  /** A click anywhere on a row opens it; the company link (keyboard, new tab) handles its own. */
  protected rowClick(item: CertificateSearchItem, event: MouseEvent): void {
    if (!(event.target instanceof Element && event.target.closest('a'))) {
      this.open(item);
    }
  }

  protected returnState(): ReturnState {
    return { returnUrl: this.router.url };
  }

  private show(page: CertificateSearchPage): void {
    this.items.set(page.items);
    this.nextCursor.set(page.nextCursor);
    this.loading.set(false);
    if (this.openFirstOnLoad) {
      this.openFirstOnLoad = false;
      const first = page.items[0];
      if (first) this.open(first);
    }
  }

  private fail(error: SearchError): void {
    this.openFirstOnLoad = false;
    this.items.set([]);
    this.nextCursor.set(null);
    this.error.set(error);
    this.loading.set(false);
  }
}
