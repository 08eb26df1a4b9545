import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { IbRole } from '@certdesk/domain';
import { IbRoleBadge } from '../lifecycle/ib-role-badge';

const SUB = `
  .cd-sub {
    font: var(--mat-sys-body-small);
    color: var(--mat-sys-on-surface-variant);
  }
`;

/**
 * 会社名 in a list: a link to the customer page (with `state`, e.g. the search to return to), and a
 * second line under it (kana, contract number).
 */
@Component({
  selector: 'cd-company-link',
  imports: [RouterLink],
  template: `<a
      class="cd-company"
      [routerLink]="['/customers', customerId()]"
      [state]="state()"
      >{{ name() }}</a
    >
    <div class="cd-sub">{{ sub() }}</div>`,
  styles: `
    .cd-company {
      color: var(--mat-sys-primary);
      font-weight: 500;
      text-decoration: none;
    }
    .cd-company:hover,
    .cd-company:focus-visible {
      text-decoration: underline;
    }
    ${SUB}
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompanyLink {
  readonly customerId = input.required<string>();
  readonly name = input.required<string>();
  readonly sub = input('');
  /** History state for the customer page (RouterLink's `state`). */
  readonly state = input<RouterLink['state']>();
}

/** 利用者 in a list: 管理者 or 利用者, the name, and the login ID under it. */
@Component({
  selector: 'cd-ib-user-label',
  imports: [IbRoleBadge],
  template: `
    <div class="cd-user">
      <cd-ib-role-badge [role]="role()" />
      {{ name() }}
    </div>
    <div class="cd-sub cd-login-id">{{ loginId() }}</div>
  `,
  styles: `
    .cd-user {
      display: flex;
      white-space: nowrap;
      align-items: center;
      gap: 6px;
    }
    .cd-login-id {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    ${SUB}
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IbUserLabel {
  readonly role = input.required<IbRole>();
  readonly name = input.required<string>();
  readonly loginId = input.required<string>();
}
