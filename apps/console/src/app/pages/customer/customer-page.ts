import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import type {
  ClosureResultView,
  CustomerDetail,
  IbUserView,
  ReissueView,
} from '@certdesk/contracts';
import { filter } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { loadOnChange } from '../../core/async-state';
import { injectNotify } from '../../core/ui/notify';
import type { ReturnState } from '../certificates/certificates-page';
import { PendingReissues } from '../reissues/pending-reissues';
import {
  RequestReissueData,
  RequestReissueDialog,
} from '../reissues/request-reissue-dialog';
import { AuthService } from '../../core/auth/auth.service';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { CloseDialog, CloseDialogData } from './close-dialog';
import { CustomerApi } from './customer-api';
import { IbUserCard } from './ib-user-card';

const SEARCH_URL = '/certificates';

/** The search that opened this page (history state), if it was one. */
function returnUrlOf(state: unknown): string | null {
  const url = (state as Partial<ReturnState> | null)?.returnUrl;
  return typeof url === 'string' &&
    (url === SEARCH_URL || url.startsWith(`${SEARCH_URL}?`))
    ? url
    : null;
}

/** ご契約先: the customer, and per IB user the status, the reason and the certificates. */
@Component({
  selector: 'cd-customer-page',
  imports: [IbUserCard, MatButtonModule, JapaneseDatePipe],
  templateUrl: './customer-page.html',
  styleUrl: './customer-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomerPage {
  /** Route parameter (withComponentInputBinding). */
  readonly id = input.required<string>();

  private readonly api = inject(CustomerApi);
  private readonly location = inject(Location);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  /** Messages that do not follow the user off the page (e.g. after log-out). */
  private readonly notify = injectNotify(8000);
  private readonly pendingReissues = inject(PendingReissues);
  /** Bumped to ask for the same customer again (after an action), keeping the page meanwhile. */
  private readonly reloads = signal(0);
  /** Opened from the search: going back restores it (its page, its 前へ) from history. */
  private readonly returnUrl = returnUrlOf(this.location.getState());
  protected readonly backHref = this.returnUrl ?? SEARCH_URL;
  /** Another customer starts from 読み込み中; a reload keeps the page (or its error) until the answer. */
  protected readonly state = loadOnChange(
    computed(() => ({ id: this.id(), reload: this.reloads() })),
    ({ id }) => this.api.get(id),
    { target: ({ id }) => id },
  );
  protected readonly canClose = inject(AuthService).can('customers.close');

  /** 再発行を依頼 on a card: the dialog records it; then the card shows 再発行承認待ち. */
  protected requestReissue(customer: CustomerDetail, user: IbUserView): void {
    this.dialog
      .open<RequestReissueDialog, RequestReissueData, ReissueView>(
        RequestReissueDialog,
        { data: { customer, user, today: customer.today }, width: '560px' },
      )
      .afterClosed()
      // キャンセル closes with '' (mat-dialog-close), Escape with nothing.
      .pipe(filter((created) => typeof created === 'object'))
      .subscribe(() => {
        this.notify(
          `${user.name}（${user.loginId}）の再発行を依頼しました。役席の承認をお待ちください`,
        );
        this.pendingReissues.refresh();
        this.reload();
      });
  }

  /** ロック解除: the customer may try 電子証明書取得 again; the card reloads without the lock. */
  protected unlockPin(user: IbUserView): void {
    this.api.unlockPin(user.id).subscribe({
      next: () => {
        this.notify(
          `${user.name}（${user.loginId}）の暗証番号ロックを解除しました`,
        );
        this.reload();
      },
      error: (error: unknown) => {
        this.notify(
          apiErrorMessage(error, '暗証番号ロックを解除できませんでした'),
        );
      },
    });
  }

  /** 解約する (the customer) or 利用者を削除 (one IB user): the dialog asks for the reason and sends it. */
  protected close(customer: CustomerDetail, user?: IbUserView): void {
    const data: CloseDialogData = user
      ? {
          kind: 'ib_user',
          id: user.id,
          target: `${customer.companyName} ${user.name}（ログインID ${user.loginId}）`,
        }
      : {
          kind: 'customer',
          id: customer.id,
          target: `${customer.companyName}（契約者番号 ${customer.contractNumber}）`,
        };
    this.dialog
      .open<CloseDialog, CloseDialogData, ClosureResultView>(CloseDialog, {
        data,
        width: '560px',
      })
      .afterClosed()
      .pipe(filter((done) => typeof done === 'object'))
      .subscribe((done) => {
        this.notify(
          user
            ? `${user.name}（${user.loginId}）を削除しました（失効した電子証明書 ${done.revokedCertificates} 件）`
            : `${customer.companyName}を解約しました（削除したIB利用者 ${done.removedIbUsers} 名、失効した電子証明書 ${done.revokedCertificates} 件）`,
        );
        this.pendingReissues.refresh();
        this.reload();
      });
  }

  private reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected back(event: MouseEvent): void {
    if (
      event.button !== 0 ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey
    ) {
      return; // a new tab or window: let the browser follow the href
    }
    event.preventDefault();
    if (this.returnUrl) {
      this.location.back();
    } else {
      void this.router.navigateByUrl(this.backHref);
    }
  }
}
