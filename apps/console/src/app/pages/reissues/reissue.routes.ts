import type { Routes } from '@angular/router';
import { navItem } from '../../navigation';

/** `/reissues` (the queue, `?status=`) and `/reissues/:id` (one request and its sheet). */
export const reissueRoutes: Routes = [
  {
    path: '',
    title: navItem('reissues').label,
    loadComponent: () => import('./reissues-page').then((m) => m.ReissuesPage),
  },
  {
    path: ':id',
    title: '再発行依頼',
    loadComponent: () =>
      import('./reissue-detail-page').then((m) => m.ReissueDetailPage),
  },
];
