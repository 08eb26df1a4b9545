import { Route } from '@angular/router';
import { IB_RENEWAL_PATH } from '@certdesk/domain';
import { LogonPage } from './pages/logon/logon-page';
import { NoticeBodyPage } from './pages/notices/notice-body-page';
import { NoticesPage } from './pages/notices/notices-page';

const SITE = '法人インターネットバンキング';

/** Acquisition and renewal carry the key/CSR/PKCS#12 code (node-forge): loaded when opened. */
export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    component: LogonPage,
    title: `ログオン | ${SITE}`,
  },
  {
    path: 'acquisition',
    loadComponent: () =>
      import('./pages/acquisition/acquisition-page').then(
        (m) => m.AcquisitionPage,
      ),
    title: `電子証明書取得 | ${SITE}`,
  },
  {
    path: 'notices',
    component: NoticesPage,
    title: `重要なお知らせ | ${SITE}`,
  },
  {
    path: 'notices/:id',
    component: NoticeBodyPage,
    title: `重要なお知らせ | ${SITE}`,
  },
  // The 重要なお知らせ link 「電子証明書の更新はこちら」 (libs/domain IB_RENEWAL_PATH) opens it in its own window.
  {
    path: IB_RENEWAL_PATH.slice(1),
    loadComponent: () =>
      import('./pages/renewal/renewal-page').then((m) => m.RenewalPage),
    title: `電子証明書更新 | ${SITE}`,
  },
  { path: '**', redirectTo: '' },
];
