import type { Route, Routes } from '@angular/router';
import type { Observable } from 'rxjs';
import {
  ROUTE_PERMISSIONS,
  permissionGuard,
} from '../../core/auth/auth.guards';
import { NoticeTab, noticeTab } from './notice-labels';

type PageLoader = NonNullable<Route['loadComponent']>;

/** A page that may hold unsaved work: asked before the router leaves it. */
export interface LeaveGuarded {
  mayLeave(): boolean | Observable<boolean>;
}

/** A tab of 通知テンプレート: its title and permissions from `NOTICE_TABS`. */
function tab(path: NoticeTab['path'], loadComponent: PageLoader): Route {
  const t = noticeTab(path);
  return {
    path,
    pathMatch: 'full',
    title: t.title,
    data: { [ROUTE_PERMISSIONS]: t.anyOf },
    canActivate: [permissionGuard],
    loadComponent,
  };
}

/**
 * `/templates` (the kinds), `/templates/:kind` (the editor), `/templates/log` (送信履歴),
 * `/templates/schedule` (通知スケジュール), `/templates/runs` (今すぐ実行, managers).
 */
export const noticeRoutes: Routes = [
  tab('', () => import('./templates-page').then((m) => m.TemplatesPage)),
  tab('log', () =>
    import('./delivery-log-page').then((m) => m.DeliveryLogPage),
  ),
  tab('schedule', () => import('./schedule-page').then((m) => m.SchedulePage)),
  tab('runs', () => import('./runs-page').then((m) => m.RunsPage)),
  {
    path: ':kind',
    title: 'テンプレートの編集',
    canDeactivate: [(page: LeaveGuarded) => page.mayLeave()],
    loadComponent: () =>
      import('./template-editor-page').then((m) => m.TemplateEditorPage),
  },
];
