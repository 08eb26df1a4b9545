import { LIFECYCLE_STATUSES, lifecycleStatus } from '@certdesk/domain';
import { createTestApp, TestApp } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-database';
import { SeedService } from './seed.service';

const OPTIONS = {
  seed: 7,
  creditUnions: 2,
  customersPerCreditUnion: 150,
  firstCode: 1001,
  today: '2026-12-01',
  now: new Date('2026-12-01T00:00:00Z'),
};

async function dump(t: TestApp): Promise<unknown[]> {
  const tables = [
    'credit_union',
    'branch',
    'customer',
    'ib_user',
    'certificate',
  ];
  return Promise.all(
    tables.map((table) =>
      t.dataSource.query(`SELECT * FROM ${table} ORDER BY id`),
    ),
  );
}

describe.each(testDatabases())('demo seed on $name', (db) => {
  const apps: TestApp[] = [];
  const drops: (() => Promise<void>)[] = [];
  async function fresh(): Promise<TestApp> {
    const created = await db.create();
    drops.push(created.drop);
    const t = await createTestApp(created.config);
    apps.push(t);
    return t;
  }
  afterAll(async () => {
    for (const t of apps) await t.close();
    for (const drop of drops) await drop();
  });

  // Two databases migrated and seeded: ~4 s on a quiet machine, over 30 s under a loaded CI run.
  it('is deterministic for a seed value and covers every date-derived status', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const result = await a.app
      .get(SeedService)
      .seed(OPTIONS, 'demo-password-1234');
    await b.app.get(SeedService).seed(OPTIONS, null);
    expect(await dump(a)).toEqual(await dump(b));
    expect(result).toMatchObject({
      creditUnions: ['1001', '1002'],
      customers: 300,
      staff: 10,
    });

    const users: {
      current_expiry_date: string | null;
      current_revoked: boolean | number;
    }[] = await a.dataSource.query(
      'SELECT current_expiry_date, current_revoked FROM ib_user',
    );
    const seen = new Set(
      users.map((u) =>
        lifecycleStatus(
          {
            expiryDate: u.current_expiry_date,
            revoked: Boolean(u.current_revoked),
          },
          OPTIONS.today,
        ),
      ),
    );
    const dateDerived = LIFECYCLE_STATUSES.filter(
      (s) => !s.startsWith('reissue_') || s === 'reissue_required',
    );
    expect([...seen].sort()).toEqual([...dateDerived].sort());
    const soon = users.filter(
      (u) =>
        u.current_expiry_date &&
        u.current_expiry_date >= '2026-12-01' &&
        u.current_expiry_date <= '2027-03-01',
    );
    expect(soon.length / users.length).toBeGreaterThan(0.3); // the next 90 days are busy
  }, 120_000);

  it('stops at the requested number of certificates and refuses to reuse a credit-union code', async () => {
    const t = await fresh();
    const result = await t.app
      .get(SeedService)
      .seed(
        { ...OPTIONS, creditUnions: 1, certificatesPerCreditUnion: 500 },
        null,
      );
    expect(result.certificates).toBe(500);
    const [{ n }] = await t.dataSource.query(
      'SELECT COUNT(*) AS n FROM certificate',
    );
    expect(Number(n)).toBe(500);
    await expect(
      t.app.get(SeedService).seed({ ...OPTIONS, creditUnions: 1 }, null),
    ).rejects.toThrow(/1001 は既に登録されています/);
  });
});
