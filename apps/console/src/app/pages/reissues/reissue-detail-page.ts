import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { ReissueView } from '@certdesk/contracts';
import { loadOnChange } from '../../core/async-state';
import { AuthService } from '../../core/auth/auth.service';
import { StatusChip } from '../../core/lifecycle/status-chip';
import { ReissueActions } from './reissue-actions';
import { ReissueApi, ReissueDecisionKind } from './reissue-api';
import { ReissueSheet } from './reissue-sheet';

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
  /** Another request starts from 読み込み中 (the template tests `loading` first). */
  protected readonly state = loadOnChange(this.id, (id) => this.api.get(id));
  /** The request as a decision or a cancel returned it, shown without asking again; none for another id. */
  protected readonly decided = linkedSignal<string, ReissueView | null>({
    source: this.id,
    computation: () => null,
  });

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
    this.decided.set(reissue);
  }
}
