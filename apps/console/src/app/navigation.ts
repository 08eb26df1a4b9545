import type { Permission } from '@certdesk/domain';

export interface NavItem {
  /** Absolute router path. */
  readonly path: string;
  readonly label: string;
  /** The section is offered (and its route opens) when the user holds any of these. */
  readonly anyOf: readonly Permission[];
  /** Other paths that belong to this section (a customer page opened from the search). */
  readonly related?: readonly string[];
}

/**
 * Side navigation, in display order; the first item a user may open is their home page.
 * `app.routes.ts` takes each section's title and required permissions from here.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'ダッシュボード', anyOf: ['certificates.read'] },
  {
    path: '/certificates',
    label: '証明書検索',
    anyOf: ['certificates.read'],
    related: ['/customers'],
  },
  {
    path: '/reissues',
    label: '再発行',
    anyOf: ['reissues.request', 'reissues.decide'],
  },
  { path: '/templates', label: '通知テンプレート', anyOf: ['templates.read'] },
  { path: '/reports', label: 'レポート', anyOf: ['reports.read'] },
  { path: '/audit', label: '監査ログ', anyOf: ['audit.read'] },
  { path: '/staff', label: '職員管理', anyOf: ['staff.manage'] },
  { path: '/imports', label: '取込', anyOf: ['customers.import'] },
  {
    path: '/removal-requests',
    label: '削除・解約の承認',
    anyOf: ['removals.decide'],
  },
];

/** The section with this router path (`'audit'` or `'/audit'`); throws for a path not in the table. */
export function navItem(path: string): NavItem {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  const item = NAV_ITEMS.find((i) => i.path === absolute);
  if (!item) {
    throw new Error(`No navigation item for ${path}`);
  }
  return item;
}

/** The section a URL belongs to (`/audit?from=…` → 監査ログ, `/customers/…` → 証明書検索), if any. */
export function sectionOf(url: string): NavItem | undefined {
  const path = url.split(/[?#;]/, 1)[0];
  return NAV_ITEMS.find((i) =>
    [i.path, ...(i.related ?? [])].some(
      (p) => path === p || path.startsWith(`${p}/`),
    ),
  );
}
