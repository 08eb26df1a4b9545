import { Route } from '@angular/router';

/** A screen not built yet: one shared page, told its heading through route data (bound to its input). */
function comingSoon(path: string, heading: string): Route {
  return {
    path,
    title: heading,
    data: { heading },
    loadComponent: () =>
      import('./pages/coming-soon/coming-soon-page').then(
        (m) => m.ComingSoonPage,
      ),
  };
}

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
  {
    path: 'dashboard',
    title: 'ダッシュボード',
    loadComponent: () =>
      import('./pages/dashboard/dashboard-page').then((m) => m.DashboardPage),
  },
  comingSoon('certificates', '証明書検索'),
  comingSoon('reissues', '再発行'),
  comingSoon('templates', '通知テンプレート'),
  comingSoon('reports', 'レポート'),
  comingSoon('audit', '監査ログ'),
  comingSoon('staff', '職員管理'),
  { path: '**', redirectTo: 'dashboard' },
];
