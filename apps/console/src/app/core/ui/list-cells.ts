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

/**
 * A table's no-data row, across all `columns`: put on the row with `*matNoDataRow`, its text (loading,
 * or that nothing matches) as content.
 */
@Component({
  // A table row must be a <tr> for its cell to span the columns: an attribute selector.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'tr[cdEmptyRow]',
  host: { class: 'mat-mdc-row' },
  template: `<td class="mat-mdc-cell cd-empty" [attr.colspan]="columns()">
    <ng-content />
  </td>`,
  styles: `
    .cd-empty {
      padding: 24px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyRow {
  /** How many columns the row spans. */
  readonly columns = input.required<number>({ alias: 'cdEmptyRow' });
}
