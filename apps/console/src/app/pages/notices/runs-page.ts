import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { NoticeRunView } from '@certdesk/contracts';
import {
  EMPTY,
  Observable,
  catchError,
  filter,
  repeat,
  switchMap,
  takeWhile,
  tap,
} from 'rxjs';
import { formatJstMinute } from '../../core/jst-datetime';
import { LoadError, loadOnChange, toLoadError } from '../../core/async-state';
import { confirm } from '../../core/ui/confirm-dialog';
import { ErrorAlert } from '../../core/ui/error-alert';
import {
  RUN_PHASE_LABELS,
  RUN_STATUS_LABELS,
  RUN_TRIGGER_LABELS,
} from './notice-labels';
import { RUN_POLL_MS } from './notice-timing';
import { NoticesApi } from './notices-api';
import { NoticesTabs } from './notices-tabs';
import { TableRows } from '../../core/ui/table/table-rows';
import { TextColumn } from '../../core/ui/table/text-column';

/** Notices of a run not yet final (queued, or being sent). */
export function waitingCount(run: NoticeRunView): number {
  return run.counts.pending + run.counts.sending;
}

/**
 * 今すぐ実行 (`/templates/runs`, managers): starts a run of the credit union's notices due today,
 * follows it with a progress bar (polling `GET /api/notice-runs/:id` until it ends), and lists the
 * latest runs, daily and manual, with what became of their notices.
 */
@Component({
  selector: 'cd-runs-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    ErrorAlert,
    TableRows,
    TextColumn,
    NoticesTabs,
  ],
  templateUrl: './runs-page.html',
  styleUrls: ['./notices.scss', './runs-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunsPage {
  private readonly api = inject(NoticesApi);
  private readonly dialog = inject(MatDialog);
  private readonly pollMs = inject(RUN_POLL_MS);

  /** Bumped when a run ends: the list again. */
  private readonly reloads = signal(0);
  protected readonly list = loadOnChange(this.reloads, () => this.api.runs());
  /** The run being followed: one just started, or one found running. */
  private readonly followed = signal<string | null>(null);
  protected readonly current = signal<NoticeRunView | null>(null);
  protected readonly starting = signal(false);
  protected readonly error = signal<LoadError | null>(null);
  protected readonly running = computed(
    () => this.starting() || this.current()?.status === 'running',
  );
  protected readonly columns = [
    'startedAt',
    'trigger',
    'status',
    'candidates',
    'planned',
    'sent',
    'failed',
    'other',
    'waiting',
  ];
  protected readonly idOf = (run: NoticeRunView) => run.id;
  protected readonly statuses = RUN_STATUS_LABELS;
  protected readonly phases = RUN_PHASE_LABELS;
  protected readonly waiting = waitingCount;

  constructor() {
    // A run already going when the page opens (the daily one, or another manager's) is followed too.
    toObservable(this.list)
      .pipe(takeUntilDestroyed())
      .subscribe((list) => {
        const running = list.value?.items.find((r) => r.status === 'running');
        if (running && this.followed() === null) this.followed.set(running.id);
      });
    toObservable(this.followed)
      .pipe(
        switchMap((id) => (id === null ? EMPTY : this.poll(id))),
        takeUntilDestroyed(),
      )
      .subscribe((run) => {
        this.current.set(run);
        if (run.status !== 'running') this.reloads.update((n) => n + 1);
      });
  }

  protected start(): void {
    confirm(this.dialog, {
      title: '通知を今すぐ実行しますか',
      message:
        '本日の通知日に当たる利用者のうち、まだ通知していない方にメールを送ります。同じ通知日のメールを二度送ることはありません。',
      confirmLabel: '実行する',
    })
      .pipe(
        filter(Boolean),
        tap(() => {
          this.starting.set(true);
          this.error.set(null);
        }),
        switchMap(() =>
          this.api.startRun().pipe(
            catchError((error: unknown) => {
              this.error.set(toLoadError(error));
              this.starting.set(false);
              return EMPTY;
            }),
          ),
        ),
      )
      .subscribe(({ id }) => {
        this.starting.set(false);
        this.current.set(null);
        this.followed.set(id);
        this.reloads.update((n) => n + 1);
      });
  }

  protected triggerLabel(run: NoticeRunView): string {
    return RUN_TRIGGER_LABELS[run.trigger];
  }

  protected readonly statusLabel = (run: NoticeRunView): string =>
    RUN_STATUS_LABELS[run.status];
  protected readonly startedAt = (run: NoticeRunView): string =>
    formatJstMinute(run.startedAt);

  protected percent(run: NoticeRunView): number {
    return Math.round(run.progress * 100);
  }

  /**
   * Asks for the run's progress, again `RUN_POLL_MS` after each answer, until it has ended (the
   * last answer included). A slow answer is waited for, never cancelled by the next tick.
   */
  private poll(id: string): Observable<NoticeRunView> {
    return this.api.run(id).pipe(
      repeat({ delay: this.pollMs }),
      takeWhile((run) => run.status === 'running', true),
      catchError((error: unknown) => {
        this.error.set(toLoadError(error));
        return EMPTY;
      }),
    );
  }
}
