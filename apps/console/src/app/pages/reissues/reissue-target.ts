import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { IbRole } from '@certdesk/domain';
import type { LifecycleStatusName } from '@certdesk/contracts';
import { IbRoleBadge } from '../../core/lifecycle/ib-role-badge';
import { StatusChip } from '../../core/lifecycle/status-chip';

export interface ReissueTargetUser {
  readonly loginId: string;
  readonly name: string;
  readonly ibRole: IbRole;
  readonly status: LifecycleStatusName;
}

export interface ReissueTargetCustomer {
  readonly companyName: string;
  readonly contractNumber: string;
}

/** Whose certificate a dialog is about: company, IB user and their status, and any further facts. */
@Component({
  selector: 'cd-reissue-target',
  imports: [IbRoleBadge, StatusChip],
  template: `
    <dl data-testid="reissue-target">
      <div>
        <dt>ご契約先</dt>
        <dd>
          {{ customer().companyName }}
          <span class="cd-muted"
            >（契約者番号 {{ customer().contractNumber }}）</span
          >
        </dd>
      </div>
      <div>
        <dt>利用者</dt>
        <dd>
          <cd-ib-role-badge [role]="user().ibRole" />
          {{ user().name }}
          <span class="cd-muted">ログインID {{ user().loginId }}</span>
        </dd>
      </div>
      <div>
        <dt>現在の状態</dt>
        <dd><cd-status-chip [status]="user().status" /></dd>
      </div>
      @for (fact of facts(); track fact[0]) {
        <div>
          <dt>{{ fact[0] }}</dt>
          <dd>{{ fact[1] }}</dd>
        </div>
      }
    </dl>
  `,
  styles: `
    @use '../../core/ui/facts';

    dl {
      @include facts.box;
    }
    div {
      @include facts.row;
      align-items: center;
    }
    dt {
      @include facts.label;
    }
    dd {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReissueTarget {
  readonly customer = input.required<ReissueTargetCustomer>();
  readonly user = input.required<ReissueTargetUser>();
  /** Further rows, as [label, value]. */
  readonly facts = input<readonly (readonly [string, string])[]>([]);
}
