import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ReissueView } from '@certdesk/contracts';
import { formatJapaneseDate } from '@certdesk/domain';
import {
  EMPTY,
  Observable,
  catchError,
  filter,
  finalize,
  switchMap,
  tap,
} from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { confirm } from '../../core/ui/confirm-dialog';
import {
  DecideReissueData,
  DecideReissueDialog,
} from './decide-reissue-dialog';
import { ReissueApi, ReissueDecisionKind } from './reissue-api';
import { PendingReissues } from './pending-reissues';
import { injectNotify } from '../../core/ui/notify';

/**
 * What the signed-in staff member may do with a request, and doing it (the queue and the detail
 * page share this). The server decides in the end: a refusal is shown as it words it.
 * Provide on the page component.
 */
@Injectable()
export class ReissueActions {
  private readonly auth = inject(AuthService);
  private readonly api = inject(ReissueApi);
  private readonly dialog = inject(MatDialog);
  /** Messages that do not follow the user off the page. */
  private readonly notify = injectNotify(8000);
  private readonly pending = inject(PendingReissues);

  /** Recorded by the signed-in staff member (reactive in templates). */
  isOwn(r: ReissueView): boolean {
    return r.requestedBy.id === this.auth.session()?.staffId;
  }

  /** A manager, and not the requester (dual control). */
  mayDecide(r: ReissueView): boolean {
    return (
      r.status === 'pending' &&
      this.auth.can('reissues.decide') &&
      !this.isOwn(r)
    );
  }

  /** A manager looking at their own pending request: told why there is nothing to decide. */
  isOwnUndecidable(r: ReissueView): boolean {
    return (
      r.status === 'pending' &&
      this.auth.can('reissues.decide') &&
      this.isOwn(r)
    );
  }

  /** Only the requester withdraws, and only while nobody has decided. */
  mayCancel(r: ReissueView): boolean {
    return (
      r.status === 'pending' &&
      this.auth.can('reissues.request') &&
      this.isOwn(r)
    );
  }

  /** Opens 承認 / 却下; emits the decided request (nothing when closed without deciding). */
  decide(r: ReissueView, kind: ReissueDecisionKind): Observable<ReissueView> {
    return this.dialog
      .open<DecideReissueDialog, DecideReissueData, ReissueView>(
        DecideReissueDialog,
        { data: { reissue: r, kind }, width: '560px' },
      )
      .afterClosed()
      .pipe(
        // Also after a refusal (someone else decided first): the count has changed.
        finalize(() => this.pending.refresh()),
        // Closed by キャンセル (or Escape) gives no request.
        filter((done): done is ReissueView => typeof done === 'object'),
        tap((done) => this.notify(decidedMessage(done))),
      );
  }

  /** Asks, then withdraws the request; emits it cancelled. */
  cancel(r: ReissueView): Observable<ReissueView> {
    return confirm(this.dialog, {
      title: '再発行の依頼を取り消しますか',
      message: `${r.customer.companyName} ${r.ibUser.name}（${r.ibUser.loginId}）の依頼を取り消します。`,
      confirmLabel: '取り消す',
    }).pipe(
      filter(Boolean),
      switchMap(() =>
        this.api.cancel(r.id).pipe(
          catchError((error: unknown) => {
            this.notify(apiErrorMessage(error));
            return EMPTY;
          }),
        ),
      ),
      tap(() => {
        this.pending.refresh();
        this.notify('再発行の依頼を取り消しました');
      }),
    );
  }
}

function decidedMessage(r: ReissueView): string {
  if (r.status !== 'authorized') return '再発行の依頼を却下しました';
  const until = r.authorizedUntil
    ? `${formatJapaneseDate(r.authorizedUntil)}まで`
    : '';
  return `再発行を承認しました。お客さまはログオン画面の「電子証明書取得」から${until}取得できます`;
}
