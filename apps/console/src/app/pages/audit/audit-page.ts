import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type {
  AuditLastVerification,
  AuditRecord,
  AuditVerification,
} from '@certdesk/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { EMPTY, catchError, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { formatJstDateTime } from '../../core/jst-datetime';
import { injectQueryState } from '../../core/query-state';
import { TableRows } from '../../core/ui/table/table-rows';
import { AUDIT_QUERY_KEYS, AuditApi, AuditQuery } from './audit-api';
import { AuditFilters } from './audit-filters';
import {
  actionLabel,
  actorLabel,
  lastVerificationMessage,
  outcomeLabel,
  targetLabel,
  verificationMessage,
} from './audit-labels';

type Verification =
  | { status: 'running' }
  | { status: 'done'; value: AuditVerification; message: string }
  | { status: 'error'; message: string };

/** 監査ログ: the credit union's audit trail, filtered through the URL, and the hash-chain check. */
@Component({
  selector: 'cd-audit-page',
  imports: [MatTableModule, MatButtonModule, AuditFilters, TableRows],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  /** The page's state is its URL. */
  private readonly url = injectQueryState(AUDIT_QUERY_KEYS);

  protected readonly query = this.url.query;
  /** Bumped by 検索 with unchanged filters, so that it still reloads. */
  private readonly reloads = signal(0);

  protected readonly columns = [
    'occurredAt',
    'actor',
    'action',
    'target',
    'outcome',
    'ip',
  ];
  protected readonly records = signal<AuditRecord[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly listState = signal<'loading' | 'ready' | 'loadingMore'>(
    'loading',
  );
  protected readonly listError = signal<string | null>(null);
  protected readonly verification = signal<Verification | null>(null);
  /** The last verification (daily or on demand): undefined while loading or when it cannot be read. */
  protected readonly lastVerification = signal<
    AuditLastVerification | undefined
  >(undefined);
  protected readonly lastVerificationMessage = lastVerificationMessage;

  protected readonly outcomeLabel = outcomeLabel;
  protected readonly time = formatJstDateTime;
  protected readonly actionOf = (record: AuditRecord): string =>
    actionLabel(record.action);
  protected readonly actorLabel = actorLabel;
  protected readonly targetLabel = targetLabel;

  constructor() {
    toObservable(computed(() => ({ query: this.query(), n: this.reloads() })))
      .pipe(
        switchMap(({ query }) => {
          this.listState.set('loading');
          this.listError.set(null);
          return this.api.list(query).pipe(
            catchError((error: unknown) => {
              this.show([], null);
              this.fail(error);
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.show(page.items, page.nextCursor));
    this.loadLastVerification();
  }

  private loadLastVerification(): void {
    this.api.lastVerification().subscribe({
      next: (value) => this.lastVerification.set(value),
      error: () => this.lastVerification.set(undefined),
    });
  }

  protected search(query: AuditQuery): void {
    const unchanged = AUDIT_QUERY_KEYS.every(
      (k) => (query[k] ?? '') === (this.query()[k] ?? ''),
    );
    if (unchanged) {
      this.reloads.update((n) => n + 1);
      return;
    }
    this.url.search(query);
  }

  protected loadMore(): void {
    this.listState.set('loadingMore');
    this.listError.set(null);
    this.api.list(this.query(), this.nextCursor()).subscribe({
      next: (page) =>
        this.show([...this.records(), ...page.items], page.nextCursor),
      error: (error: unknown) => this.fail(error),
    });
  }

  protected verify(): void {
    this.verification.set({ status: 'running' });
    this.api.verify().subscribe({
      next: (value) => {
        this.verification.set({
          status: 'done',
          value,
          message: verificationMessage(value),
        });
        this.loadLastVerification();
      },
      error: (error: unknown) =>
        this.verification.set({
          status: 'error',
          message: apiErrorMessage(error),
        }),
    });
  }

  private show(records: AuditRecord[], nextCursor: string | null): void {
    this.records.set(records);
    this.nextCursor.set(nextCursor);
    this.listState.set('ready');
  }

  private fail(error: unknown): void {
    this.listError.set(apiErrorMessage(error));
    this.listState.set('ready');
  }
}
