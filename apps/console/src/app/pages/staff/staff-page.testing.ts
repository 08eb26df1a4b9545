import type { HttpTestingController } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import {
  MatCellHarness,
  MatTableHarness,
} from '@angular/material/table/testing';
import type { StaffAccount, StaffChangeRequestView } from '@certdesk/contracts';
import { RoutedPageTest } from '../../../testing/routed-page';
import { StaffPage } from './staff-page';

export function account(overrides: Partial<StaffAccount>): StaffAccount {
  return {
    id: 'id',
    username: 'user',
    displayName: '名前',
    role: 'branch_staff',
    disabled: false,
    locked: false,
    mustChangePassword: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export function change(
  overrides: Partial<StaffChangeRequestView>,
): StaffChangeRequestView {
  return {
    id: 'c1',
    kind: 'role',
    status: 'pending',
    staffId: 's1',
    username: 'sato',
    displayName: '佐藤 花子',
    role: 'manager',
    fromRole: 'branch_staff',
    requestedBy: { id: 'staff-admin2', name: 'デモ 管理者B' },
    requestedAt: '2026-11-30T01:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    ...overrides,
  };
}

/** The signed-in admin, as a change request names its requester. */
export const SIGNED_IN_ADMIN = { id: 'staff-admin', name: 'デモ システム管理' };

/** A change to 鈴木 一郎 (s2) that names no role (パスワード再発行, 二要素認証リセット). */
export function suzukiChange(
  kind: 'reset_password' | 'reset_factors',
  overrides: Partial<StaffChangeRequestView> = {},
): StaffChangeRequestView {
  return change({
    kind,
    staffId: 's2',
    username: 'suzuki',
    displayName: '鈴木 一郎',
    role: null,
    fromRole: null,
    requestedBy: SIGNED_IN_ADMIN,
    ...overrides,
  });
}

/** The request to add 新任 管理者 (kanri) as a システム管理, which waits for a second admin. */
export function kanriCreation(
  overrides: Partial<StaffChangeRequestView> = {},
): StaffChangeRequestView {
  return change({
    kind: 'create',
    staffId: null,
    username: 'kanri',
    displayName: '新任 管理者',
    role: 'admin',
    fromRole: null,
    ...overrides,
  });
}

/** The signed-in admin (`staff-admin`) and four others, one per 状態. */
export const ACCOUNTS: StaffAccount[] = [
  account({
    id: 'staff-admin',
    username: 'admin-1001',
    displayName: 'デモ システム管理',
    role: 'admin',
  }),
  account({ id: 's1', username: 'sato', displayName: '佐藤 花子' }),
  account({
    id: 's2',
    username: 'suzuki',
    displayName: '鈴木 一郎',
    role: 'manager',
    locked: true,
  }),
  account({
    id: 's3',
    username: 'tanaka',
    displayName: '田中 次郎',
    role: 'compliance',
    disabled: true,
  }),
  account({
    id: 's4',
    username: 'ito',
    displayName: '伊藤 三郎',
    mustChangePassword: true,
  }),
];

export interface StaffPageTest {
  http: HttpTestingController;
  /** Inside the page. */
  loader: HarnessLoader;
  /** The whole document: dialogs, snack bars, select panels. */
  root: HarnessLoader;
  cell(username: string, column: string): Promise<MatCellHarness>;
  rowButton(username: string, text: string): Promise<MatButtonHarness>;
  /**
   * Opens 職員を追加 and fills in ユーザー名 and 氏名 (and 権限 when `role` is given); returns the
   * dialog, not yet sent.
   */
  addForm(
    username: string,
    displayName: string,
    role?: string,
  ): Promise<MatDialogHarness>;
  /** Clicks a button of the open dialog. */
  confirm(text: string): Promise<void>;
  /** Lets answered requests reach the page and re-renders it. */
  answered(): Promise<void>;
}

/**
 * Signs in as the admin, opens 職員管理 and answers `GET /api/staff` with {@link ACCOUNTS} and
 * `GET /api/staff-change-requests` with `changes` (none by default).
 */
export async function setUpStaffPage(
  changes: StaffChangeRequestView[] = [],
): Promise<StaffPageTest> {
  const t = new RoutedPageTest([{ path: 'staff', component: StaffPage }]);
  await t.signIn('admin');
  await t.open('/staff');
  const { http, loader } = t;
  http.expectOne({ method: 'GET', url: '/api/staff' }).flush(ACCOUNTS);
  http
    .expectOne({ method: 'GET', url: '/api/staff-change-requests' })
    .flush(changes);
  await t.rendered();

  async function cell(
    username: string,
    column: string,
  ): Promise<MatCellHarness> {
    const table = await loader.getHarness(
      MatTableHarness.with({ selector: '.cd-staff-table' }),
    );
    for (const row of await table.getRows()) {
      const [name] = await row.getCells({ columnName: 'username' });
      if ((await name.getText()) === username) {
        const [found] = await row.getCells({ columnName: column });
        return found;
      }
    }
    throw new Error(`no row for ${username}`);
  }

  async function addForm(
    username: string,
    displayName: string,
    role?: string,
  ): Promise<MatDialogHarness> {
    await (await t.button('職員を追加')).click();
    const form = await t.root.getHarness(MatDialogHarness);
    for (const [name, value] of [
      ['username', username],
      ['displayName', displayName],
    ]) {
      await (
        await form.getHarness(
          MatInputHarness.with({ selector: `[formControlName=${name}]` }),
        )
      ).setValue(value);
    }
    if (role) {
      const select = await form.getHarness(MatSelectHarness);
      await select.open();
      await select.clickOptions({ text: role });
    }
    return form;
  }

  return {
    http,
    loader,
    root: t.root,
    cell,
    rowButton: async (username, text) =>
      (await cell(username, 'actions')).getHarness(
        MatButtonHarness.with({ text }),
      ),
    addForm,
    confirm: (text) => t.confirm(text),
    answered: () => t.rendered(),
  };
}
