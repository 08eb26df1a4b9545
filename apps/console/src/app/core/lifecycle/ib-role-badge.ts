import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { IB_ROLE_LABELS, type IbRole } from '@certdesk/domain';

/** 管理者 / 利用者: which of the customer's IB log-ins this is (not a staff role). */
@Component({
  selector: 'cd-ib-role-badge',
  template: `{{ label() }}`,
  host: { class: 'cd-ib-role-badge', '[attr.data-role]': 'role()' },
  styles: `
    :host {
      display: inline-block;
      padding: 0 6px;
      border-radius: 4px;
      font: var(--mat-sys-label-small);
      line-height: 18px;
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
    :host([data-role='administrator']) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IbRoleBadge {
  readonly role = input.required<IbRole>();
  protected readonly label = computed(() => IB_ROLE_LABELS[this.role()]);
}
