import { can, STAFF_ROLES, StaffRole } from '@certdesk/domain';
import { StaffBrowser } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { RouteAccess } from '../../auth/permissions.decorator';
import { RouteEntry, RouteInventory } from '../../auth/route-inventory';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { StaffUser } from '../../staff/staff-user.entity';
import { StaffChangeRequest } from '../../staff/staff-change-request.entity';

/** Bodies that would succeed against one's own rows, so that a 404 proves the scope (not validation). */
const BODIES: Record<string, object> = {
  'PUT notice-templates/:kind/draft': {
    subject: '電子証明書更新のご案内',
    body: '{{ userName }} 様',
  },
  'PATCH staff/:id': { displayName: '乗っ取り', disabled: true, role: 'admin' },
  'POST staff-change-requests/:id/approve': { comment: '他金庫から承認' },
  'POST staff-change-requests/:id/reject': { comment: '他金庫から却下' },
  'POST certificates/:id/revoke': {
    reason: 'keyCompromise',
    comment: '他金庫の証明書を失効させる試み',
  },
};
const NOT_FOUND = '指定されたデータは見つかりません';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

function mayCall(role: StaffRole, access: RouteAccess | undefined): boolean {
  if (!access) return false;
  return (
    access.kind !== 'permissions' ||
    access.permissions.every((p) => can(role, p))
  );
}

/**
 * Credit union A against B, on every route that exists: each route taking an id answers 404 for
 * every kind of B's ids (any tenant-owned table), called by a role of A that may use the route;
 * and no list of A ever contains an id of B.
 */
describeSeededApp('tenant matrix on $name', ({ t, seeded }) => {
  let routes: RouteEntry[];
  const as = (role: StaffRole) => seeded.as(role);

  /** Ids of every tenant-owned table (and the credit union itself) that belong to `cu`. */
  async function idsOf(
    cu: CreditUnion,
    perTable: number | undefined,
  ): Promise<Map<string, string[]>> {
    const ids = new Map<string, string[]>([['CreditUnion', [cu.id]]]);
    for (const meta of t.dataSource.entityMetadatas) {
      if (
        !meta.findColumnWithPropertyName('creditUnionId') ||
        !meta.findColumnWithPropertyName('id')
      )
        continue;
      const rows = await t.dataSource.getRepository(meta.target).find({
        select: { id: true },
        where: { creditUnionId: cu.id },
        order: { id: 'ASC' },
        take: perTable,
      });
      ids.set(
        meta.name,
        rows.map((r) => String(r['id'])),
      );
    }
    return ids;
  }

  beforeAll(async () => {
    routes = t.app
      .get(RouteInventory)
      .routes()
      .filter((r) => !/^ib(\/|$)/.test(r.path));
  });

  it('answers 404 on every id route for every kind of the other credit union’s ids, and changes nothing', async () => {
    const idRoutes = routes.filter(
      (r) => /:[A-Za-z]+/.test(r.path) && r.access?.kind !== 'public',
    );
    expect(idRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'PATCH staff/:id',
        'POST staff/:id/reset-password',
        'POST staff-change-requests/:id/approve',
      ]),
    );
    // B has a change waiting for a second admin: no admin of A may decide or cancel it.
    const adminB = StaffBrowser.of(t);
    await adminB.login(seeded.username('admin', seeded.b));
    const managerOfB = await t.dataSource
      .getRepository(StaffUser)
      .findOneByOrFail({ username: seeded.username('manager', seeded.b) });
    expect(
      (await adminB.patch(`/api/staff/${managerOfB.id}`, { role: 'admin' }))
        .status,
    ).toBe(202);
    const staffOfB = () =>
      Promise.all(
        [StaffUser, StaffChangeRequest].map((entity) =>
          t.dataSource.getRepository(entity).find({
            where: { creditUnionId: seeded.b.id },
            order: { id: 'ASC' },
          }),
        ),
      );
    const before = await staffOfB();
    const theirs = [...(await idsOf(seeded.b, 2)).entries()].flatMap(
      ([table, ids]) => ids.map((id) => ({ table, id })),
    );
    const leaks: string[] = [];
    for (const route of idRoutes) {
      const role = STAFF_ROLES.find((r) => mayCall(r, route.access));
      if (!role) continue; // nobody may call it
      const browser = await as(role);
      const key = `${route.method} ${route.path}`;
      for (const { table, id } of theirs) {
        const url = `/api/${route.path.replace(/:[A-Za-z]+/g, id)}`;
        const res = await browser.send(
          route.method.toLowerCase() as Method,
          url,
          route.method === 'GET' ? undefined : (BODIES[key] ?? {}),
        );
        if (res.status !== 404 || res.body.message !== NOT_FOUND)
          leaks.push(
            `${role} ${key} with ${table} ${id}: ${res.status} ${res.body.message}`,
          );
      }
    }
    expect(leaks).toEqual([]);
    expect(await staffOfB()).toEqual(before);
  });

  it('never shows the other credit union’s rows in any list, to any role', async () => {
    const listRoutes = routes.filter(
      (r) =>
        r.method === 'GET' &&
        !r.path.includes(':') &&
        r.access?.kind !== 'public',
    );
    expect(listRoutes.map((r) => r.path)).toContain('staff');
    const foreign = [...(await idsOf(seeded.b, undefined)).values()].flat();
    const own = [...(await idsOf(seeded.a, undefined)).values()].flat();
    expect(foreign.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    let answered = 0;
    for (const route of listRoutes) {
      for (const role of STAFF_ROLES.filter((r) => mayCall(r, route.access))) {
        const res = await (await as(role)).get(`/api/${route.path}`);
        const body = JSON.stringify(res.body);
        if (res.status === 200 && own.some((id) => body.includes(id)))
          answered++;
        for (const id of foreign)
          if (body.includes(id))
            leaks.push(`${role} GET /api/${route.path} shows ${id}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(answered).toBeGreaterThan(0); // the lists did show A's own rows
  });
});
