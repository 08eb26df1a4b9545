// Full-file removals at scale, printed (not a timed test; the test suite does not match this file). Run:
//   TEST_DATABASE_URL=postgres://root@127.0.0.1:5432/test npx jest -c apps/api/jest.config.cts \
//     --testMatch '**/closures.bench.ts'
// BENCH_CUSTOMERS (default 2000, two IB users with a certificate each) and BENCH_ABSENT (default 200
// customers missing from the full file: held above 5 %, then applied as an approval applies them).
import { testDatabases } from './test-database';
import { ClosureWorld } from './closure-world';
import { csvLine, csvText } from '../app/import/import-fixtures';
import { ClosureRepository } from '../app/closures/closure.repository';
import { ClosureService } from '../app/closures/closure.service';

const CUSTOMERS = Number(process.env['BENCH_CUSTOMERS'] ?? 2000);
const ABSENT = Number(process.env['BENCH_ABSENT'] ?? 200);
const contract = (c: number) => `77${String(c).padStart(8, '0')}`;

describe.each(testDatabases())('full-file removals on $name', (db) => {
  const w = new ClosureWorld();
  beforeAll(() => w.open(db), 120_000);
  afterAll(() => w.close());

  it('prints the time of the check, the hold and the approval', async () => {
    let serial = 0x100000;
    const lines = Array.from({ length: CUSTOMERS }, (_, c) =>
      [0, 1].map((u) =>
        csvLine({
          credit_union_code: w.a.code,
          contract_number: contract(c),
          ib_login_id: `b${c}u${u}`,
          cert_serial: (serial++).toString(16),
          cert_expiry_date: '2027-06-30',
        }),
      ),
    ).flat();
    let t0 = Date.now();
    expect(
      (await w.importer().importFile(Buffer.from(csvText(lines)))).ok,
    ).toBe(true);
    const importMs = Date.now() - t0;
    const gone = new Set(Array.from({ length: ABSENT }, (_, c) => contract(c)));
    const file = Buffer.from((await w.fullFile([...gone])).toString('utf8'));
    t0 = Date.now();
    const dry = await w
      .importer()
      .importFile(file, { dryRun: true, full: true });
    const dryMs = Date.now() - t0;
    t0 = Date.now();
    const held = await w.importer().importFile(file, { full: true });
    const holdMs = Date.now() - t0;
    const id = held.removals?.creditUnions[0].removalRequestId as string;
    const request = await w.t.app
      .get(ClosureRepository)
      .findRequest(w.a.id, id);
    const closures = w.t.app.get(ClosureService);
    t0 = Date.now();
    const result = await w.t.dataSource.transaction((em) =>
      closures.applyIn(
        em,
        {
          creditUnionId: w.a.id,
          customerIds: JSON.parse(request?.customerIds ?? '[]') as string[],
          ibUserIds: JSON.parse(request?.ibUserIds ?? '[]') as string[],
        },
        {
          source: 'import',
          reason: 'bench',
          actor: { actorType: 'system', actorName: 'bench' },
        },
      ),
    );
    await closures.published(w.a.id, result);
    const applyMs = Date.now() - t0;
    console.log(
      `${db.name}: import of ${lines.length} IB users ${importMs} ms; full file of ${dry.lines} lines: ` +
        `dry run ${dryMs} ms (${dry.removals?.creditUnions[0].removedIbUsers} removals listed), held ${holdMs} ms; ` +
        `approval: ${result.closedCustomers} customers closed, ${result.removedIbUsers} IB users removed, ` +
        `${result.revokedCertificates} certificates revoked, CRL published: ${applyMs} ms ` +
        `(${(applyMs / Math.max(1, result.removedIbUsers)).toFixed(1)} ms per IB user)`,
    );
  }, 900_000);
});
