import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { ReissueView } from '@certdesk/contracts';
import {
  IB_ROLE_LABELS,
  REISSUE_STATUS_LABELS,
  reissueReasonLabel,
} from '@certdesk/domain';
import { AuthService } from '../../core/auth/auth.service';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { formatJstDateTime } from '../../core/jst-datetime';
import { statusLabel } from '../../core/lifecycle/status-chip';

/** The stamp boxes of the branch's paper file, left to right. */
export const STAMP_BOXES = ['検印', '担当'] as const;

/**
 * 電子証明書再発行依頼 受付票: one request as the branch files it on paper (A4, printed with the
 * browser; see the print rules in styles.scss and the shell). Also the detail page's body on screen.
 */
@Component({
  selector: 'cd-reissue-sheet',
  imports: [JapaneseDatePipe],
  templateUrl: './reissue-sheet.html',
  styleUrl: './reissue-sheet.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReissueSheet {
  readonly reissue = input.required<ReissueView>();
  /** 信用金庫名 (the signed-in staff member's). */
  readonly creditUnion = input.required<string>();

  private readonly auth = inject(AuthService);
  protected readonly stamps = STAMP_BOXES;
  protected readonly ibRoleLabel = computed(
    () => IB_ROLE_LABELS[this.reissue().ibUser.ibRole],
  );
  protected readonly reasonText = computed(() =>
    reissueReasonLabel(this.reissue().reason, this.auth.policy()),
  );
  protected readonly requestStatus = computed(
    () => REISSUE_STATUS_LABELS[this.reissue().status],
  );
  protected readonly currentStatus = computed(() =>
    statusLabel(this.reissue().ibUser.status, this.auth.policy()),
  );
  /** 承認者 or 却下者, as the decision was. */
  protected readonly deciderLabel = computed(() =>
    this.reissue().status === 'rejected' ? '却下者' : '承認者',
  );

  protected time(instant: string | null): string {
    return instant ? formatJstDateTime(instant) : '';
  }
}
