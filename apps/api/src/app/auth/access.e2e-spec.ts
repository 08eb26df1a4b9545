import { ERROR_MESSAGES } from '@certdesk/contracts';
import type { Express } from 'express';
import { can, STAFF_ROLES, StaffRole } from '@certdesk/domain';
import { AuditEvent } from '../audit/audit-event.entity';
import { StaffBrowser } from '../../testing/staff-browser';
import type { TestApp } from '../../testing/test-app';
import { describeSeededApp } from '../../testing/describe-app';
import { RouteAccess } from './permissions.decorator';
import { RouteEntry, RouteInventory } from './route-inventory';

/**
 * The only routes open without a session (me answers 401 itself; log-out is idempotent; the probes say no more than
 * up/down; the passkey options and log-in are the sign-in itself, under the same limits as the password log-in).
 */
const PUBLIC_ROUTES = [
  'GET /api/auth/me',
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/passkey/login',
  'POST /api/auth/passkey/options',
];
/** Machine routes behind a bearer token (`@BearerToken`): 404 to everyone without it, staff included. */
const TOKEN_ROUTES = ['GET /api/metrics'];
/** Mounted by Swagger on Express directly, not Nest routes: public documentation. */
const DOCS = /^\/api\/docs/;
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

interface Route {
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  url: string;
  access: RouteAccess | undefined;
  entry: RouteEntry;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** What Express will actually answer: every route layer of the router stack. */
function expressRoutes(t: TestApp): string[] {
  const router = (
    t.app.getHttpAdapter().getInstance() as Express & {
      router: { stack: Layer[] };
    }
  ).router;
  return router.stack.flatMap((layer) => {
    if (!layer.route) return [];
    const paths = Array.isArray(layer.route.path)
      ? layer.route.path
      : [layer.route.path];
    const methods = Object.keys(layer.route.methods).filter(
      (m) => m !== '_all',
    );
    // Nest mounts exact-path middleware (`/api`) as an all-methods route: not a handler.
    if (layer.route.methods['_all'] || methods.length > 1) return [];
    return paths.flatMap((path) =>
      methods.map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
}

/** Nest's routes with their declared access (the global prefix `api` applies except to `ib/…`). */
function nestRoutes(t: TestApp): Route[] {
  return t.app
    .get(RouteInventory)
    .routes()
    .map((entry) => {
      const path = /^ib(\/|$)/.test(entry.path)
        ? `/${entry.path}`
        : `/api/${entry.path}`.replace(/\/$/, '');
      return {
        key: `${entry.method} ${path}`,
        method: entry.method.toLowerCase() as Route['method'],
        url: path.replace(/:[A-Za-z]+/g, PLACEHOLDER_ID),
        access: entry.access,
        entry,
      };
    });
}

describeSeededApp('deny by default: every route on $name', ({ t, seeded }) => {
  let routes: Route[];

  beforeAll(async () => {
    routes = nestRoutes(t).filter(
      (r) => r.key.startsWith('/api') || r.key.includes(' /api'),
    );
  });

  it('knows every route Express serves under /api (nothing escapes the inventory)', () => {
    const served = expressRoutes(t)
      .filter((key) => key.includes(' /api') && !DOCS.test(key.split(' ')[1]))
      .sort();
    expect(served.length).toBeGreaterThan(5);
    expect([...new Set(routes.map((r) => r.key))].sort()).toEqual(
      [...new Set(served)].sort(),
    );
  });

  it('has exactly the expected public routes, and every other route declares its access', () => {
    expect(
      routes
        .filter((r) => r.access?.kind === 'public')
        .map((r) => r.key)
        .sort(),
    ).toEqual(PUBLIC_ROUTES);
    expect(
      routes
        .filter((r) => r.access?.kind === 'token')
        .map((r) => r.key)
        .sort(),
    ).toEqual(TOKEN_ROUTES);
    const undeclared = routes
      .filter((r) => r.access === undefined)
      .map((r) => `${r.key} (${r.entry.controller}.${r.entry.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('refuses anonymous callers (401) on every route but the public ones (token routes: 404)', async () => {
    const anonymous = StaffBrowser.of(t);
    const answers: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.includes(r.key))) {
      const res = await anonymous.send(
        route.method,
        route.url,
        route.method === 'get' ? undefined : {},
      );
      answers.push(`${route.key} → ${res.status} ${res.body.message}`);
    }
    expect(answers).toEqual(
      answers.map((a) =>
        a.replace(
          /→ .*$/,
          TOKEN_ROUTES.includes(a.split(' →')[0])
            ? '→ 404 指定されたデータは見つかりません'
            : '→ 401 ログインが必要です',
        ),
      ),
    );
  });

  it('refuses each role (403) exactly where its permissions fall short, on every route that exists', async () => {
    const guarded = routes.filter((r) => r.access?.kind !== 'public');
    const mismatches: string[] = [];
    for (const role of STAFF_ROLES) {
      const browser = await StaffBrowser.signedIn(
        t,
        seeded.username(role, seeded.a),
      );
      for (const route of guarded) {
        const shouldRefuse =
          route.access === undefined ||
          (route.access.kind === 'permissions' &&
            !route.access.permissions.every((p) => can(role, p)));
        const res = await browser.send(
          route.method,
          route.url,
          route.method === 'get' ? undefined : {},
        );
        if (route.access?.kind === 'token') {
          // A staff session grants nothing on a token route: it does not exist for them.
          if (res.status !== 404)
            mismatches.push(
              `${role} ${route.key}: expected 404, got ${res.status}`,
            );
          continue;
        }
        const refused =
          res.status === 403 &&
          res.body.message === ERROR_MESSAGES.no_permission;
        if (refused !== shouldRefuse || res.status === 401) {
          mismatches.push(
            `${role} ${route.key}: expected ${shouldRefuse ? '403' : 'access'}, got ${res.status} ${res.body.message}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('follows docs/domain.md literally for staff accounts (admin only) and audits every refusal', async () => {
    const expected: Record<StaffRole, number> = {
      branch_staff: 403,
      compliance: 403,
      manager: 403,
      admin: 200,
    };
    for (const role of STAFF_ROLES) {
      const browser = StaffBrowser.of(t);
      await browser.login(seeded.username(role, seeded.b));
      expect([role, (await browser.get('/api/staff')).status]).toEqual([
        role,
        expected[role],
      ]);
    }
    const denied = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'access.denied', creditUnionId: seeded.b.id });
    expect(denied).toHaveLength(3);
    expect(
      denied.every(
        (e) =>
          e.outcome === 'denied' &&
          JSON.parse(e.details).route === 'GET /api/staff',
      ),
    ).toBe(true);
  });
});
