import {
  can,
  isStaffRole,
  Permission,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  STAFF_ROLE_LABELS,
  STAFF_ROLES,
  StaffRole,
} from './roles';

// docs/domain.md "Staff roles and permissions": ✓ = allowed. Columns: branch_staff, compliance, manager, admin.
// prettier-ignore
const MATRIX: ReadonlyArray<[Permission, boolean, boolean, boolean, boolean]> = [
  ['certificates.read',   true,  true,  true,  false],
  ['reissues.request',    true,  false, true,  false],
  ['reissues.decide',     false, false, true,  false],
  ['certificates.revoke', false, false, true,  false],
  ['ibUsers.unlock',      false, false, true,  false],
  ['templates.read',      true,  true,  true,  false],
  ['templates.write',     false, false, true,  false],
  ['settings.write',      false, false, true,  false],
  ['notices.run',         false, false, true,  false],
  ['reports.read',        false, true,  true,  false],
  ['audit.read',          false, true,  true,  false],
  ['staff.manage',        false, false, false, true],
  ['customers.close',     false, false, true,  false],
  ['removals.decide',     false, false, true,  true],
  ['customers.import',    false, false, true,  true],
];
const ROLE_COLUMNS: readonly StaffRole[] = [
  'branch_staff',
  'compliance',
  'manager',
  'admin',
];

const CASES = MATRIX.flatMap(([permission, ...allowed]) =>
  ROLE_COLUMNS.map((role, i) => ({ role, permission, allowed: allowed[i] })),
);

describe('can', () => {
  it.each(CASES)(
    '$role / $permission → $allowed',
    ({ role, permission, allowed }) => {
      expect(can(role, permission)).toBe(allowed);
    },
  );

  it('covers every role and permission', () => {
    expect(CASES).toHaveLength(STAFF_ROLES.length * PERMISSIONS.length);
    expect(new Set(MATRIX.map(([p]) => p))).toEqual(new Set(PERMISSIONS));
    expect([...ROLE_COLUMNS]).toEqual([...STAFF_ROLES]);
  });

  it('ROLE_PERMISSIONS lists exactly the granted permissions, without duplicates', () => {
    for (const role of STAFF_ROLES) {
      const granted = CASES.filter((c) => c.role === role && c.allowed).map(
        (c) => c.permission,
      );
      expect([...ROLE_PERMISSIONS[role]].sort()).toEqual(granted.sort());
      expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(
        ROLE_PERMISSIONS[role].length,
      );
    }
  });

  it.each(['', 'Manager', 'root', '__proto__', 'toString', null, undefined])(
    'refuses unknown role %p',
    (role) => {
      for (const permission of PERMISSIONS) {
        expect(can(role as unknown as StaffRole, permission)).toBe(false);
      }
    },
  );

  it('refuses unknown permissions', () => {
    for (const role of STAFF_ROLES) {
      expect(can(role, 'everything' as Permission)).toBe(false);
    }
  });

  it('cannot be widened at run time', () => {
    expect(Object.isFrozen(ROLE_PERMISSIONS)).toBe(true);
    for (const role of STAFF_ROLES) {
      expect(Object.isFrozen(ROLE_PERMISSIONS[role])).toBe(true);
    }
    expect(Object.isFrozen(STAFF_ROLES)).toBe(true);
  });
});

describe('roles', () => {
  it('have Japanese labels', () => {
    expect(STAFF_ROLE_LABELS).toEqual({
      branch_staff: '営業店',
      compliance: 'コンプライアンス',
      manager: '役席',
      admin: 'システム管理',
    });
  });

  it.each([
    ['branch_staff', true],
    ['compliance', true],
    ['manager', true],
    ['admin', true],
    ['staff', false],
    ['', false],
    [1, false],
    [null, false],
  ])('isStaffRole(%p) → %p', (value, expected) => {
    expect(isStaffRole(value)).toBe(expected);
  });
});
