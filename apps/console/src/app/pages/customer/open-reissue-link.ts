import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { OPEN_REISSUE_STATUSES } from '@certdesk/domain';
import { catchError, map, of, switchMap } from 'rxjs';
import { ReissueApi } from '../reissues/reissue-api';

/** 「再発行の依頼を表示」: the IB user's open request (承認待ち or 取得待ち), once found. */
@Component({
  selector: 'cd-open-reissue-link',
  imports: [RouterLink],
  template: `
    @if (reissueId(); as id) {
      <a class="cd-open-reissue" [routerLink]="['/reissues', id]"
        >再発行の依頼を表示</a
      >
    }
  `,
  styles: `
    .cd-open-reissue {
      color: var(--mat-sys-primary);
      font-weight: 500;
      text-decoration: none;
    }
    .cd-open-reissue:hover,
    .cd-open-reissue:focus-visible {
      text-decoration: underline;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenReissueLink {
  readonly ibUserId = input.required<string>();

  private readonly api = inject(ReissueApi);
  protected readonly reissueId = toSignal(
    toObservable(this.ibUserId).pipe(
      switchMap((ibUserId) =>
        this.api.list({ ibUserId }).pipe(
          map(
            (page) =>
              page.items.find((r) => OPEN_REISSUE_STATUSES.includes(r.status))
                ?.id ?? null,
          ),
          catchError(() => of(null)),
        ),
      ),
    ),
    { initialValue: null },
  );
}
