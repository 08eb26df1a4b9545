import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffBrowser, startSeededApp } from '../../../testing/staff-browser';
import type { TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Customer } from '../../customers/customer.entity';
import { csvLine, csvText } from '../import-fixtures';
import { ImportInboxService, INBOX_ACTOR_NAME } from './import-inbox.service';

/**
 * The nightly full extract (IMPORT_INBOX_FULL=on, issue 16): a file that leaves out most of a credit
 * union's customers is applied for what it holds, and its removals wait for a person — the system
 * actor that took the file is nobody, so any manager may decide; until then nobody is closed.
 */
describe.each(testDatabases())('import inbox, full files, on $name', (db) => {
  let t: TestApp;
  let inboxDir: string;

  beforeAll(async () => {
    inboxDir = mkdtempSync(join(tmpdir(), 'certdesk-inbox-full-'));
    ({ t } = await startSeededApp(db, {
      env: { IMPORT_INBOX: inboxDir, IMPORT_INBOX_FULL: 'on' },
    }));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(inboxDir, { recursive: true, force: true });
  });

  it('applies a truncated full file, holds its removals for a manager, and closes nobody until approved', async () => {
    const customers = t.dataSource.getRepository(Customer);
    const cu = (
      await t.dataSource
        .getRepository(CreditUnion)
        .findOneByOrFail({ code: '1001' })
    ).id;
    const activeBefore = await customers.countBy({
      creditUnionId: cu,
      status: 'active',
    });
    writeFileSync(
      join(inboxDir, 'full-20261201.csv'),
      csvText([
        csvLine({ credit_union_code: '1001', contract_number: '8100000001' }),
      ]),
    );
    expect(await t.app.get(ImportInboxService).processAll()).toEqual({
      'full-20261201.csv': 'applied',
    });
    const report = readFileSync(
      join(inboxDir, 'done', 'full-20261201.csv.report.txt'),
      'utf8',
    );
    expect(report).toContain('全件ファイル: はい');
    expect(
      await customers.countBy({ creditUnionId: cu, status: 'active' }),
    ).toBe(activeBefore + 1); // the new customer; nobody closed yet

    const manager = await StaffBrowser.signedIn(t, 'manager-1001');
    const pending = (
      (await manager.get('/api/removal-requests')).body as {
        id: string;
        status: string;
        requestedBy: { id: string | null; name: string };
      }[]
    ).filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0].requestedBy).toEqual({
      id: null,
      name: INBOX_ACTOR_NAME,
    });
    const approved = await manager.post(
      `/api/removal-requests/${pending[0].id}/approve`,
      { comment: '全件ファイルの件数を基幹系と照合済み' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.closedCustomers).toBe(activeBefore);
    expect(
      await customers.countBy({ creditUnionId: cu, status: 'active' }),
    ).toBe(1);
  });
});
