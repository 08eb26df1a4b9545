import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { CustomerDetail } from '@certdesk/contracts';
import { catchError, map, of, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import type { ReturnState } from '../certificates/certificates-page';
import { CustomerApi } from './customer-api';
import { IbUserCard } from './ib-user-card';

type CustomerState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly customer: CustomerDetail }
  | { readonly status: 'error'; readonly message: string };

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
  imports: [IbUserCard],
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
  /** Opened from the search: going back restores it (its page, its 前へ) from history. */
  private readonly returnUrl = returnUrlOf(this.location.getState());
  protected readonly backHref = this.returnUrl ?? SEARCH_URL;
  protected readonly state = signal<CustomerState>({ status: 'loading' });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => {
          this.state.set({ status: 'loading' });
          return this.api.get(id).pipe(
            map((customer): CustomerState => ({ status: 'ready', customer })),
            catchError((error: unknown) =>
              of<CustomerState>({
                status: 'error',
                message: apiErrorMessage(error),
              }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
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
