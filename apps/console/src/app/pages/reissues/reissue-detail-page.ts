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
import { RouterLink } from '@angular/router';
import type { ReissueView } from '@certdesk/contracts';
import { switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { StatusChip } from '../../core/lifecycle/status-chip';
import { PageState, toPageState } from '../../core/ui/table/page-state';
import { ReissueActions } from './reissue-actions';
import { ReissueApi, ReissueDecisionKind } from './reissue-api';
import { ReissueSheet } from './reissue-sheet';

type DetailState = PageState<'reissue', ReissueView>;

/**
 * One reissue request: the request sheet (printable for the branch's paper file), and the
 * decision or the cancel when the signed-in staff member may make it.
 */
@Component({
  selector: 'cd-reissue-detail-page',
  imports: [MatButtonModule, RouterLink, StatusChip, ReissueSheet],
  providers: [ReissueActions],
  templateUrl: './reissue-detail-page.html',
  styleUrl: './reissue-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReissueDetailPage {
  /** Route parameter (withComponentInputBinding). */
  readonly id = input.required<string>();

  private readonly api = inject(ReissueApi);
  private readonly auth = inject(AuthService);
  protected readonly actions = inject(ReissueActions);
  protected readonly creditUnion = computed(
    () => this.auth.session()?.creditUnion.name ?? '',
  );
  protected readonly state = signal<DetailState>({ status: 'loading' });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => {
          this.state.set({ status: 'loading' });
          return this.api.get(id).pipe(toPageState('reissue'));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  /** The browser's print dialog: the print rules leave only the sheet, on A4. */
  protected print(): void {
    window.print();
  }

  protected decide(r: ReissueView, kind: ReissueDecisionKind): void {
    this.actions.decide(r, kind).subscribe((done) => this.show(done));
  }

  protected cancel(r: ReissueView): void {
    this.actions.cancel(r).subscribe((done) => this.show(done));
  }

  private show(reissue: ReissueView): void {
    this.state.set({ status: 'ready', reissue });
  }
}
