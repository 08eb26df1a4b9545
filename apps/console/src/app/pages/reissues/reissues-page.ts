import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import type { ReissueView } from '@certdesk/contracts';
import { REISSUE_STATUS_LABELS } from '@certdesk/domain';
import { loadOnChange } from '../../core/async-state';
import { injectQueryState } from '../../core/query-state';
import { IbUserColumn } from '../../core/ui/table/list-columns';
import { TableRows } from '../../core/ui/table/table-rows';
import { StatusChip } from '../../core/lifecycle/status-chip';
import { ReissueActions } from './reissue-actions';
import { ReissueApi, ReissueDecisionKind } from './reissue-api';
import {
  DEFAULT_REISSUE_FILTER,
  REISSUE_FILTER_TABS,
  ReissueFilter,
  ReissueFilterTab,
  jstMinute,
  parseReissueFilter,
  reasonLabel,
  waitingLabel,
} from './reissue-labels';

const BASE_COLUMNS = [
  'requestedAt',
  'customer',
  'user',
  'reason',
  'requester',
  'current',
];

/**
 * 再発行: the approval queue (承認待ち, oldest first) and the history by status. The filter is in
 * the URL (`?status=`); a row opens the request. Managers approve or reject others' requests here,
 * the requester may withdraw their own while it waits.
 */
@Component({
  selector: 'cd-reissues-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    MatTableModule,
    MatTabsModule,
    RouterLink,
    IbUserColumn,
    StatusChip,
    TableRows,
  ],
  providers: [ReissueActions],
  templateUrl: './reissues-page.html',
  styleUrl: './reissues-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReissuesPage {
  private readonly api = inject(ReissueApi);
  private readonly router = inject(Router);
  protected readonly actions = inject(ReissueActions);

  protected readonly tabs = REISSUE_FILTER_TABS;
  /** `?status=`; none is 承認待ち. */
  private readonly query = injectQueryState(['status']).query;
  protected readonly filter = computed(() =>
    parseReissueFilter(this.query().status),
  );
  protected readonly columns = computed(() => [
    ...BASE_COLUMNS,
    this.filter() === 'pending' ? 'waiting' : 'requestStatus',
    'actions',
  ]);
  /** Bumped after a decision or a cancel: asks again with the same filter. */
  private readonly reloads = signal(0);
  /** Another tab starts empty; the same one, reloaded, keeps its rows (or its error) meanwhile. */
  protected readonly state = loadOnChange(
    computed(() => ({ filter: this.filter(), reload: this.reloads() })),
    ({ filter }) =>
      this.api.list({ status: filter === 'all' ? undefined : filter }),
    { target: ({ filter }) => filter },
  );
  /** The credit union's 承認待ち, whatever the tab (the API counts them with every list). */
  protected readonly pendingCount = computed(
    () => this.state().value?.pendingCount ?? null,
  );
  protected readonly statusLabels = REISSUE_STATUS_LABELS;
  protected readonly userOf = (r: ReissueView) => r.ibUser;
  protected readonly reason = reasonLabel;
  protected readonly waiting = waitingLabel;
  protected readonly time = jstMinute;

  /** 承認待ち carries the credit union's count: 「承認待ち（3）」. */
  protected tabLabel(tab: ReissueFilterTab): string {
    const count = this.pendingCount();
    return tab.value === 'pending' && count !== null
      ? `${tab.label}（${count}）`
      : tab.label;
  }

  /** The tab's query: 承認待ち is the page without `status`. */
  protected tabQuery(value: ReissueFilter): { status: string | null } {
    return { status: value === DEFAULT_REISSUE_FILTER ? null : value };
  }

  protected requestStatus(r: ReissueView): string {
    return this.statusLabels[r.status];
  }

  protected emptyText(): string {
    const f = this.filter();
    return f === 'all'
      ? '再発行の依頼はありません'
      : `「${this.statusLabels[f]}」の依頼はありません`;
  }

  /** A click anywhere on a row opens the request; its link and buttons handle their own. */
  /** A row opens the request (a click outside its link and buttons). */
  protected readonly open = (r: ReissueView): void => {
    void this.router.navigate(['/reissues', r.id]);
  };
  protected readonly idOf = (r: ReissueView) => r.id;

  protected decide(r: ReissueView, kind: ReissueDecisionKind): void {
    this.actions.decide(r, kind).subscribe(() => this.reload());
  }

  protected cancel(r: ReissueView): void {
    this.actions.cancel(r).subscribe(() => this.reload());
  }

  private reload(): void {
    this.reloads.update((n) => n + 1);
  }
}
