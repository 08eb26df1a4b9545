import type { AuditPage, AuditRecord } from '@certdesk/contracts';
import { StaffBrowser } from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import type { AuditEntry } from './audit-entry';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

describeSeededApp('GET /api/audit on $name', ({ t, seeded }) => {
  let compliance: StaffBrowser;

  /** Test events of credit union A at given instants (in chronological order). */
  const events: [string, Omit<AuditEntry, 'creditUnionId'>][] = [
    [
      '2026-11-30T14:59:59.999Z',
      { action: 'test.b', outcome: 'success', actorName: 'Sato_Kenji' },
    ], // JST 11-30 23:59:59.999
    [
      '2026-11-30T15:00:00.000Z',
      { action: 'test.a', outcome: 'denied', actorName: 'tanaka' },
    ], // JST 12-01 00:00
    [
      '2026-12-01T14:59:59.999Z',
      {
        action: 'test.a',
        outcome: 'failure',
        actorName: 'sato%x',
        details: { n: 1, password: 'x' },
      },
    ],
    [
      '2026-12-01T15:00:00.000Z',
      { action: 'test.c', outcome: 'success', actorName: 'suzuki' },
    ], // JST 12-02
  ];

  beforeAll(async () => {
    const audit = t.app.get(AuditService);
    for (const [at, entry] of events) {
      t.clock.set(new Date(at));
      await audit.record({
        ...entry,
        creditUnionId: seeded.a.id,
        actorType: 'staff',
      });
    }
    await audit.record({
      action: 'test.a',
      outcome: 'denied',
      creditUnionId: seeded.b.id,
      actorName: 'sato-b',
    });
    t.clock.set(new Date('2026-12-05T00:00:00Z')); // log-ins and the rest happen later
    compliance = await StaffBrowser.signedIn(
      t,
      seeded.username('compliance', seeded.a),
    );
  });

  const list = async (query: string): Promise<AuditRecord[]> => {
    const res = await compliance.get(`/api/audit?${query}`);
    expect(res.status).toBe(200);
    return (res.body as AuditPage).items;
  };
  const actions = (items: AuditRecord[]) =>
    items.map((r) => `${r.action}:${r.actorName}`);

  it('is refused without a session and to roles without audit.read (and the refusal is audited)', async () => {
    expect((await StaffBrowser.of(t).get('/api/audit')).status).toBe(401);
    expect((await StaffBrowser.of(t).get('/api/audit/verify')).status).toBe(
      401,
    );
    for (const role of ['branch_staff', 'admin'] as const) {
      const browser = StaffBrowser.of(t);
      await browser.login(seeded.username(role, seeded.a));
      expect((await browser.get('/api/audit')).status).toBe(403);
      expect((await browser.get('/api/audit/verify')).status).toBe(403);
    }
    const manager = StaffBrowser.of(t);
    await manager.login(seeded.username('manager', seeded.a));
    expect((await manager.get('/api/audit?limit=1')).status).toBe(200);
    const denied = await list('action=access.denied&limit=200');
    expect(denied.map((r) => r.actorName)).toEqual(
      expect.arrayContaining(['branch_staff-1001', 'admin-1001']),
    );
  });

  it('lists newest first, only the caller’s credit union, without secrets', async () => {
    const items = await list('limit=200');
    expect(items.map((r) => r.seq)).toEqual(
      [...items.map((r) => r.seq)].sort((x, y) => y - x),
    );
    expect(items.some((r) => r.actorName === 'sato-b')).toBe(false);
    expect(items.find((r) => r.actorName === 'sato%x')).toMatchObject({
      outcome: 'failure',
      occurredAt: '2026-12-01T14:59:59.999Z',
      details: { n: 1 },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('filters by JST days, action, actor (part of the name, any case, wildcards literal) and outcome', async () => {
    expect(
      actions(await list('from=2026-12-01&to=2026-12-01&action=test.a')),
    ).toEqual(['test.a:sato%x', 'test.a:tanaka']);
    expect(actions(await list('to=2026-11-30'))).toEqual(['test.b:Sato_Kenji']);
    expect(actions(await list('from=2026-12-02&to=2026-12-04'))).toEqual([
      'test.c:suzuki',
    ]);
    expect(actions(await list('actor=SATO'))).toEqual([
      'test.a:sato%x',
      'test.b:Sato_Kenji',
    ]);
    expect(actions(await list('actor=%25'))).toEqual(['test.a:sato%x']);
    expect(actions(await list('actor=o_k'))).toEqual(['test.b:Sato_Kenji']);
    expect(actions(await list('action=test.a&outcome=denied'))).toEqual([
      'test.a:tanaka',
    ]);
  });

  it('pages with a keyset cursor until nextCursor is null', async () => {
    const total = await t.dataSource
      .getRepository(AuditEvent)
      .countBy({ chain: seeded.a.id });
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await compliance.get(
        `/api/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = res.body as AuditPage;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((r) => r.seq));
      cursor = page.nextCursor;
    }
    expect(seen.length).toBeGreaterThanOrEqual(total);
    expect(seen).toEqual([...seen].sort((x, y) => y - x));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['from=2026-02-30', 'from'],
    ['to=20261201', 'to'],
    ['outcome=ok', 'outcome'],
    ['cursor=-1', 'cursor'],
    ['unknown=1', 'unknown'],
    ['from=2026-12-02&to=2026-12-01', 'from'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await compliance.get(`/api/audit?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });

  it('verifies the chain and records the run', async () => {
    const res = await compliance.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      intact: true,
      firstBroken: null,
      verifiedAt: t.clock.now().toISOString(),
    });
    const [run] = await list('action=audit.verify');
    expect(run).toMatchObject({
      actorName: 'compliance-1001',
      outcome: 'success',
      details: { intact: true, checked: res.body.checked },
    });
  });
});
