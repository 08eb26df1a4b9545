export interface NavItem {
  /** Absolute router path. */
  readonly path: string;
  readonly label: string;
}

/** Side navigation, in display order. Routes live in `app.routes.ts`. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'ダッシュボード' },
  { path: '/certificates', label: '証明書検索' },
  { path: '/reissues', label: '再発行' },
  { path: '/templates', label: '通知テンプレート' },
  { path: '/reports', label: 'レポート' },
  { path: '/audit', label: '監査ログ' },
  { path: '/staff', label: '職員管理' },
];
