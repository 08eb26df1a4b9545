import { Route } from '@angular/router';
import {
  ROUTE_PERMISSIONS,
  authGuard,
  guestGuard,
  homeRedirect,
  permissionGuard,
  secondFactorGuard,
  signedInVerifiedGuard,
} from './core/auth/auth.guards';
import { navItem } from './navigation';

type PageLoader = NonNullable<Route['loadComponent']>;

/** A section of the navigation: its title and required permissions come from `NAV_ITEMS`. */
function section(path: string, loadComponent: PageLoader): Route {
  const item = navItem(path);
  return {
    path,
    title: item.label,
    data: { [ROUTE_PERMISSIONS]: item.anyOf },
    canActivate: [permissionGuard],
    loadComponent,
  };
}

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'ログイン',
    canActivate: [guestGuard],
    loadComponent: () =>
      import('./pages/login/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'verify',
    title: '本人確認',
    canActivate: [secondFactorGuard],
    loadComponent: () =>
      import('./pages/verify/verify-page').then((m) => m.VerifyPage),
  },
  {
    path: 'security',
    title: 'パスワード・認証設定',
    canActivate: [signedInVerifiedGuard],
    loadComponent: () =>
      import('./pages/security/security-page').then((m) => m.SecurityPage),
  },
  {
    path: 'password',
    title: 'パスワード変更',
    canActivate: [signedInVerifiedGuard],
    loadComponent: () =>
      import('./pages/password/password-page').then((m) => m.PasswordPage),
  },
  {
    // The signed-in layout is lazy too: the log-in page does not need the navigation's weight.
    path: '',
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: homeRedirect },
      section('dashboard', () =>
        import('./pages/dashboard/dashboard-page').then((m) => m.DashboardPage),
      ),
      section('certificates', () =>
        import('./pages/certificates/certificates-page').then(
          (m) => m.CertificatesPage,
        ),
      ),
      {
        // Opened from the search: same permission, and 証明書検索 stays the active section.
        path: 'customers/:id',
        title: 'ご契約先',
        data: { [ROUTE_PERMISSIONS]: navItem('certificates').anyOf },
        canActivate: [permissionGuard],
        loadComponent: () =>
          import('./pages/customer/customer-page').then((m) => m.CustomerPage),
      },
      {
        // 再発行: the navigation offers it to those who request or decide (NAV_ITEMS); anyone who
        // reads may open a request linked from a customer page, as the API allows.
        path: 'reissues',
        data: { [ROUTE_PERMISSIONS]: navItem('certificates').anyOf },
        canActivate: [permissionGuard],
        loadChildren: () =>
          import('./pages/reissues/reissue.routes').then(
            (m) => m.reissueRoutes,
          ),
      },
      {
        // 通知テンプレート: the templates, and with them the delivery log, the schedule and 今すぐ実行
        // (each tab checks its own permission, see notices.routes.ts).
        path: 'templates',
        data: { [ROUTE_PERMISSIONS]: navItem('templates').anyOf },
        canActivate: [permissionGuard],
        loadChildren: () =>
          import('./pages/notices/notices.routes').then((m) => m.noticeRoutes),
      },
      section('reports', () =>
        import('./pages/reports/reports-page').then((m) => m.ReportsPage),
      ),
      section('audit', () =>
        import('./pages/audit/audit-page').then((m) => m.AuditPage),
      ),
      section('staff', () =>
        import('./pages/staff/staff-page').then((m) => m.StaffPage),
      ),
      section('imports', () =>
        import('./pages/imports/imports-page').then((m) => m.ImportsPage),
      ),
      section('removal-requests', () =>
        import('./pages/removals/removal-requests-page').then(
          (m) => m.RemovalRequestsPage,
        ),
      ),
      {
        path: 'forbidden',
        title: '権限がありません',
        loadComponent: () =>
          import('./pages/forbidden/forbidden-page').then(
            (m) => m.ForbiddenPage,
          ),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
