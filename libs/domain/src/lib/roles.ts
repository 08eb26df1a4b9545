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

/** Each permission with the roles granted it, in the order of {@link PERMISSIONS}. */
const GRANTS = {
  /** Search, customer detail, dashboard, notice delivery log. */
  'certificates.read': ['branch_staff', 'compliance', 'manager'],
  /** Record a reissue request. */
  'reissues.request': ['branch_staff', 'manager'],
  /** Approve or reject a reissue (never one's own request: checked where the request is known). */
  'reissues.decide': ['manager'],
  /** Revoke a certificate. */
  'certificates.revoke': ['manager'],
  /** Clear an IB user's PIN lock. */
  'ibUsers.unlock': ['manager'],
  /** View notice templates. */
  'templates.read': ['branch_staff', 'compliance', 'manager'],
  /** Edit and publish notice templates. */
  'templates.write': ['manager'],
  /** Notice schedule and credit-union settings. */
  'settings.write': ['manager'],
  /** Run notices now. */
  'notices.run': ['manager'],
  /** Reports and exports. */
  'reports.read': ['compliance', 'manager'],
  /** Audit log. */
  'audit.read': ['compliance', 'manager'],
  /** Staff accounts and roles. */
  'staff.manage': ['admin'],
  /** Close a customer or remove an IB user by hand (解約・削除, with a reason). */
  'customers.close': ['manager'],
  /** Approve or reject an import's held removals (never one's own import). */
  'removals.decide': ['manager', 'admin'],
  /** Import customers from a core-system file in the console (取込), and see 取込履歴. */
  'customers.import': ['manager', 'admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof GRANTS;

export const PERMISSIONS: readonly Permission[] = Object.freeze(
  Object.keys(GRANTS) as Permission[],
);

/** What each role may do, in the order of {@link PERMISSIONS}. */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> =
  Object.freeze(
    Object.fromEntries(
      STAFF_ROLES.map((role) => [
        role,
        Object.freeze(
          PERMISSIONS.filter((p) =>
            (GRANTS[p] as readonly StaffRole[]).includes(role),
          ),
        ),
      ]),
    ) as Record<StaffRole, readonly Permission[]>,
  );

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
