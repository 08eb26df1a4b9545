import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import type { IbUserView } from '@certdesk/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { daysLeftLabel } from '../../core/lifecycle/days-left';
import { IbRoleBadge } from '../../core/lifecycle/ib-role-badge';
import { StatusChip } from '../../core/lifecycle/status-chip';
import { colonHex, instantDate } from './certificate-events';
import { isOpenStatus, mayRequestReissue } from '../reissues/reissue-labels';
import { CertificateTimeline } from './certificate-timeline';
import { OpenReissueLink } from './open-reissue-link';

/**
 * One IB user: who, the status and why (the sentence a clerk reads out on the phone), the current
 * certificate and its history; 再発行を依頼 when the status calls for one (and the staff member may
 * record it), or the way to the request already open.
 */
@Component({
  selector: 'cd-ib-user-card',
  imports: [
    MatButtonModule,
    MatCardModule,
    JapaneseDatePipe,
    OpenReissueLink,
    IbRoleBadge,
    StatusChip,
    CertificateTimeline,
  ],
  templateUrl: './ib-user-card.html',
  styleUrl: './ib-user-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IbUserCard {
  readonly user = input.required<IbUserView>();
  readonly today = input.required<string>();
  /** 再発行を依頼 was pressed (the customer page opens the dialog). */
  readonly requestReissue = output<void>();
  /** ロック解除 was pressed (managers). */
  readonly unlockPin = output<void>();
  /** 利用者を削除 was pressed (managers; the customer page opens the dialog). */
  readonly remove = output<void>();

  private readonly auth = inject(AuthService);
  protected readonly canRequestReissue = computed(
    () =>
      this.auth.can('reissues.request') &&
      !this.user().closure &&
      mayRequestReissue(this.user().status),
  );
  protected readonly canUnlockPin = computed(
    () => this.auth.can('ibUsers.unlock') && this.user().pinLocked,
  );
  protected readonly canRemove = computed(
    () => this.auth.can('customers.close') && !this.user().closure,
  );
  protected readonly reissueOpen = computed(() =>
    isOpenStatus(this.user().status),
  );

  protected readonly daysLeft = computed(() =>
    daysLeftLabel(this.user().daysLeft),
  );
  protected readonly validFrom = computed(() => {
    const c = this.user().currentCertificate;
    return c ? instantDate(c.notBefore) : null;
  });
  protected readonly hex = colonHex;
}
