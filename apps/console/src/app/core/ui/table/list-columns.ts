import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { IbRole } from '@certdesk/domain';
import { CompanyLink, IbUserLabel } from '../list-cells';
import { TableColumn } from './table-column';

/** What the 会社名 column shows of a row. */
export interface CompanyOfRow {
  readonly customerId: string;
  readonly name: string;
  /** The line under the name (kana, contract number). */
  readonly sub: string;
}

/** What the 利用者 column shows of a row. */
export interface IbUserOfRow {
  readonly ibRole: IbRole;
  readonly name: string;
  readonly loginId: string;
}

/** The 利用者 of a report row that names its user flat (`ibRole`, `ibUserName`, `loginId`). */
export function flatIbUser(row: {
  readonly ibRole: IbRole;
  readonly ibUserName: string;
  readonly loginId: string;
}): IbUserOfRow {
  return { ibRole: row.ibRole, name: row.ibUserName, loginId: row.loginId };
}

/**
 * 会社名 in a list page's table (put inside the `mat-table`, name it in `columns`): a link to the
 * customer page and a second line under it, both read from the row by `company`.
 */
@Component({
  selector: 'cd-company-column',
  imports: [MatTableModule, CompanyLink],
  template: `<ng-container matColumnDef>
    <th mat-header-cell *matHeaderCellDef>会社名</th>
    <td mat-cell *matCellDef="let row">
      @let c = company()(row);
      <cd-company-link
        [customerId]="c.customerId"
        [name]="c.name"
        [sub]="c.sub"
        [state]="state()"
      />
    </td>
  </ng-container>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompanyColumn<T> extends TableColumn {
  readonly name = input('company');
  readonly company = input.required<(row: T) => CompanyOfRow>();
  /** History state for the customer page (RouterLink's `state`). */
  readonly state = input<RouterLink['state']>();
}

/**
 * 利用者 in a list page's table (put inside the `mat-table`, name it in `columns`): 管理者 or 利用者,
 * the name and the login ID, read from the row by `user`.
 */
@Component({
  selector: 'cd-ib-user-column',
  imports: [MatTableModule, IbUserLabel],
  template: `<ng-container matColumnDef>
    <th mat-header-cell *matHeaderCellDef>利用者</th>
    <td mat-cell *matCellDef="let row">
      @let u = user()(row);
      <cd-ib-user-label
        [role]="u.ibRole"
        [name]="u.name"
        [loginId]="u.loginId"
      />
    </td>
  </ng-container>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IbUserColumn<T> extends TableColumn {
  readonly name = input('user');
  readonly user = input.required<(row: T) => IbUserOfRow>();
}
