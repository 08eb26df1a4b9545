import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { IbUserView } from '@certdesk/contracts';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { daysLeftLabel } from '../../core/lifecycle/days-left';
import { IbRoleBadge } from '../../core/lifecycle/ib-role-badge';
import { StatusChip } from '../../core/lifecycle/status-chip';
import { colonHex, instantDate } from './certificate-events';
import { CertificateTimeline } from './certificate-timeline';

/**
 * One IB user: who, the status and why (the sentence a clerk reads out on the phone), the current
 * certificate and its history. Actions (再発行を依頼) appear here once they exist; none are faked.
 */
@Component({
  selector: 'cd-ib-user-card',
  imports: [
    MatCardModule,
    JapaneseDatePipe,
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

  protected readonly daysLeft = computed(() =>
    daysLeftLabel(this.user().daysLeft),
  );
  protected readonly validFrom = computed(() => {
    const c = this.user().currentCertificate;
    return c ? instantDate(c.notBefore) : null;
  });
  protected readonly hex = colonHex;
}
