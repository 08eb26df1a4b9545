import { SeededTenants, startSeededApp } from './staff-browser';
import { StartOptions, startTestApp, TestApp } from './test-app';
import { TestDatabase, testDatabases } from './test-database';

/** What the body of {@link describeApp} works with. */
export interface AppOnDatabase {
  db: TestDatabase;
  /** The started app: its fields are there from the first `beforeAll` on. */
  t: TestApp;
}

/** What the body of {@link describeSeededApp} works with. */
export interface SeededApp extends AppOnDatabase {
  /** The seeded credit unions of `t`, from the first `beforeAll` on. */
  seeded: SeededTenants;
}

type Body<A> = (app: A) => void;
type Args<A> = [StartOptions, Body<A>] | [Body<A>];

/**
 * `describe.each(testDatabases())(title, …)` around an app from {@link startTestApp}, started in a
 * `beforeAll` registered before the body's hooks (so they see it) and closed in an `afterAll` that
 * runs before the body's. `t` stands for that app (its fields are read from the app when used, so
 * the body destructures it once): use it in hooks and tests, not while the body registers them.
 */
export function describeApp(
  title: string,
  options: StartOptions,
  body: Body<AppOnDatabase>,
): void;
export function describeApp(title: string, body: Body<AppOnDatabase>): void;
export function describeApp(title: string, ...args: Args<AppOnDatabase>): void {
  const [options, body] = args.length === 2 ? args : [{}, args[0]];
  describeStarted(
    title,
    async (db) => ({ t: await startTestApp(db, options) }),
    (db, started) => body({ db, t: testAppOf(() => started().t) }),
  );
}

/** {@link describeApp} with the app from {@link startSeededApp}: `seeded` stands for its tenants. */
export function describeSeededApp(
  title: string,
  options: StartOptions,
  body: Body<SeededApp>,
): void;
export function describeSeededApp(title: string, body: Body<SeededApp>): void;
export function describeSeededApp(
  title: string,
  ...args: Args<SeededApp>
): void {
  const [options, body] = args.length === 2 ? args : [{}, args[0]];
  describeStarted(
    title,
    (db) => startSeededApp(db, options),
    (db, started) =>
      body({
        db,
        t: testAppOf(() => started().t),
        seeded: {
          get a() {
            return started().seeded.a;
          },
          get b() {
            return started().seeded.b;
          },
          username: (role, cu) => started().seeded.username(role, cu),
          as: (role, cu) => started().seeded.as(role, cu),
        },
      }),
  );
}

function describeStarted<S extends { t: TestApp }>(
  title: string,
  start: (db: TestDatabase) => Promise<S>,
  body: (db: TestDatabase, started: () => S) => void,
): void {
  describe.each(testDatabases())(title, (db) => {
    let app: S | undefined;
    beforeAll(async () => {
      app = await start(db);
    }, 120_000);
    afterAll(() => app?.t.close());
    body(db, () => {
      if (!app) throw new Error(`${title}: the app is used before it started`);
      return app;
    });
  });
}

/** A {@link TestApp} whose every field is read from `app()` when used. */
function testAppOf(app: () => TestApp): TestApp {
  return {
    get app() {
      return app().app;
    },
    get clock() {
      return app().clock;
    },
    get dataSource() {
      return app().dataSource;
    },
    get config() {
      return app().config;
    },
    close: () => app().close(),
  };
}
