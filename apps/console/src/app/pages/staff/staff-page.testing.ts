import type { HttpTestingController } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
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

  return {
    http,
    loader,
    root: t.root,
    cell,
    rowButton: async (username, text) =>
      (await cell(username, 'actions')).getHarness(
        MatButtonHarness.with({ text }),
      ),
    answered: () => t.rendered(),
  };
}
