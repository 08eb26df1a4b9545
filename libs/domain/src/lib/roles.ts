/**
 * Staff roles of the back-office console and what each may do (docs/domain.md "Staff roles and permissions").
 * Anything not granted here is refused. Not to be confused with an IB user's `ibRole`.
 */

export const STAFF_ROLES = Object.freeze([
  'branch_staff',
  'compliance',
  'manager',
  'admin',
] as const);
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = Object.freeze({
  branch_staff: '営業店',
  compliance: 'コンプライアンス',
  manager: '役席',
  admin: 'システム管理',
});

export const PERMISSIONS = Object.freeze([
  /** Search, customer detail, dashboard, notice delivery log. */
  'certificates.read',
  /** Record a reissue request. */
  'reissues.request',
  /** Approve or reject a reissue (never one's own request: checked where the request is known). */
  'reissues.decide',
  /** Revoke a certificate. */
  'certificates.revoke',
  /** Clear an IB user's PIN lock. */
  'ibUsers.unlock',
  /** View notice templates. */
  'templates.read',
  /** Edit and publish notice templates. */
  'templates.write',
  /** Notice schedule and credit-union settings. */
  'settings.write',
  /** Run notices now. */
  'notices.run',
  /** Reports and exports. */
  'reports.read',
  /** Audit log. */
  'audit.read',
  /** Staff accounts and roles. */
  'staff.manage',
  /** Close a customer or remove an IB user by hand (解約・削除, with a reason). */
  'customers.close',
  /** Approve or reject an import's held removals (never one's own import). */
  'removals.decide',
  /** Import customers from a core-system file in the console (取込), and see 取込履歴. */
  'customers.import',
] as const);
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> =
  Object.freeze({
    branch_staff: Object.freeze([
      'certificates.read',
      'reissues.request',
      'templates.read',
    ] as const),
    compliance: Object.freeze([
      'certificates.read',
      'templates.read',
      'reports.read',
      'audit.read',
    ] as const),
    manager: Object.freeze([
      'certificates.read',
      'reissues.request',
      'reissues.decide',
      'certificates.revoke',
      'ibUsers.unlock',
      'templates.read',
      'templates.write',
      'settings.write',
      'notices.run',
      'reports.read',
      'audit.read',
      'customers.close',
      'removals.decide',
      'customers.import',
    ] as const),
    admin: Object.freeze([
      'staff.manage',
      'removals.decide',
      'customers.import',
    ] as const),
  });

/** True when `role` is one of {@link STAFF_ROLES} (for values read from a token or a database). */
export function isStaffRole(value: unknown): value is StaffRole {
  return (
    typeof value === 'string' &&
    (STAFF_ROLES as readonly string[]).includes(value)
  );
}

/** Whether a staff member with `role` may do `permission`. Unknown roles may do nothing. */
export function can(role: StaffRole, permission: Permission): boolean {
  return isStaffRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}
