import type { ImportRunView } from '@certdesk/contracts';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { StaffBrowser, startSeededApp } from '../../../testing/staff-browser';
import type { TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { AuditEvent } from '../../audit/audit-event.entity';
import { Customer } from '../../customers/customer.entity';
import { csvLine, csvText } from '../import-fixtures';
import { ImportInboxScheduler } from './import-inbox.scheduler';
import { ImportInboxService, INBOX_ACTOR_NAME } from './import-inbox.service';
import { ImportRun } from './import-run.entity';
import { makeTempDir, removeTempDir } from '../../../testing/temp-dir';

const TOKEN = 'inbox-metrics-token-0123456789';

const NIGHTLY = csvText([
  csvLine({ credit_union_code: '1001', contract_number: '8000000001' }),
  csvLine({
    credit_union_code: '1001',
    contract_number: '8000000002',
    ib_login_id: 'nightly-2',
    cert_serial: '0b0b0b',
  }),
]);

/**
 * The nightly inbox (issue 16): picked up at IMPORT_INBOX_TIME on the injected clock, applied under
 * the system actor, moved to done/ or failed/ with a report, on 取込履歴 and in /api/metrics; a file
 * (by SHA-256) is applied once however often it is dropped, and by one of several takers at once.
 */
describe.each(testDatabases())('import inbox on $name', (db) => {
  let t: TestApp;
  let inboxDir: string;
  let inbox: ImportInboxService;
  let manager: StaffBrowser;

  const drop_ = (name: string, text: string | Buffer) =>
    writeFileSync(join(inboxDir, name), text);
  const appliedRuns = () =>
    t.dataSource
      .getRepository(ImportRun)
      .countBy({ source: 'inbox', status: 'applied' });

  beforeAll(async () => {
    inboxDir = makeTempDir('inbox');
    ({ t } = await startSeededApp(db, {
      env: {
        IMPORT_INBOX: inboxDir,
        IMPORT_INBOX_TIME: '23:30',
        METRICS_TOKEN: TOKEN,
      },
    }));
    inbox = t.app.get(ImportInboxService);
    manager = await StaffBrowser.signedIn(t, 'manager-1001');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    removeTempDir(inboxDir);
  });

  it('waits for IMPORT_INBOX_TIME (JST) on the injected clock, then applies the file under the system actor', async () => {
    drop_('nightly-20261201.csv', NIGHTLY);
    const scheduler = t.app.get(ImportInboxScheduler);
    scheduler.onModuleDestroy(); // no timer: the test drives the clock
    expect(await scheduler.runIfDue()).toBe(false); // 09:00 JST < 23:30
    expect(existsSync(join(inboxDir, 'nightly-20261201.csv'))).toBe(true);

    t.clock.set(new Date('2026-12-01T23:30:00+09:00'));
    expect(await scheduler.runIfDue()).toBe(true);
    expect(await scheduler.runIfDue()).toBe(false); // once a day
    expect(existsSync(join(inboxDir, 'nightly-20261201.csv'))).toBe(false);
    expect(existsSync(join(inboxDir, 'done', 'nightly-20261201.csv'))).toBe(
      true,
    );
    const report = readFileSync(
      join(inboxDir, 'done', 'nightly-20261201.csv.report.txt'),
      'utf8',
    );
    expect(report).toContain('取込結果: 取込完了');
    expect(report).toContain(
      'ご契約先: 新規 2 / 変更 0 / 変更なし 0 / 削除・解約 0',
    );
    expect(
      await t.dataSource
        .getRepository(Customer)
        .countBy({ contractNumber: '8000000001' }),
    ).toBe(1);
    const audit = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'import.customers', actorName: INBOX_ACTOR_NAME });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorType).toBe('system');

    // The clock moved on 14 hours: a new session.
    expect((await manager.login('manager-1001')).status).toBe(200);
    const history = (await manager.get('/api/imports')).body as ImportRunView[];
    expect(history[0]).toMatchObject({
      source: 'inbox',
      status: 'applied',
      fileName: 'nightly-20261201.csv',
      createdByName: INBOX_ACTOR_NAME,
      summary: { customers: { created: 2 } },
    });
  });

  it('applies a file once however often it is dropped, also when several takers race for it', async () => {
    const before = await appliedRuns();
    drop_('again.csv', NIGHTLY); // the same bytes as the applied nightly file
    expect(await inbox.processAll()).toEqual({ 'again.csv': 'duplicate' });
    expect(existsSync(join(inboxDir, 'done', 'again.csv'))).toBe(true);
    expect(
      readFileSync(join(inboxDir, 'done', 'again.csv.report.txt'), 'utf8'),
    ).toContain('取り込み済みのため、取り込みませんでした');

    const fresh = csvText([
      csvLine({
        credit_union_code: '1001',
        contract_number: '8000000003',
        ib_login_id: 'nightly-3',
        cert_serial: '0c0c0c',
      }),
    ]);
    drop_('race.csv', fresh);
    const outcomes = await Promise.all([
      inbox.processAll(),
      inbox.processAll(),
      inbox.processAll(),
    ]);
    expect(outcomes.filter((o) => o['race.csv'] === 'applied')).toHaveLength(1);
    expect(await appliedRuns()).toBe(before + 1);
    drop_('race-again.csv', fresh);
    expect((await inbox.processAll())['race-again.csv']).toBe('duplicate');
    expect(await appliedRuns()).toBe(before + 1);
    expect(
      await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'import.customers', actorName: INBOX_ACTOR_NAME }),
    ).toBe(2);
  });

  it('moves a file with bad lines to failed/ with every bad line in its report, writing nothing', async () => {
    drop_(
      'bad.csv',
      csvText([
        csvLine({
          credit_union_code: '1001',
          contract_number: '8000000009',
          ib_login_id: 'nightly-9',
          cert_serial: 'zz',
        }),
      ]),
    );
    expect(await inbox.processAll()).toEqual({ 'bad.csv': 'failed' });
    expect(readdirSync(join(inboxDir, 'failed'))).toEqual([
      'bad.csv',
      'bad.csv.report.txt',
    ]);
    const report = readFileSync(
      join(inboxDir, 'failed', 'bad.csv.report.txt'),
      'utf8',
    );
    expect(report).toContain('取込結果: 取込失敗');
    expect(report).toMatch(/2行目: cert_serial「zz」/);
    expect(
      await t.dataSource
        .getRepository(Customer)
        .countBy({ contractNumber: '8000000009' }),
    ).toBe(0);
  });

  it('shows the inbox in /api/metrics', async () => {
    const res = await request(t.app.getHttpServer() as App)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /certdesk_import_runs\{source="inbox",status="applied"\} 2/,
    );
    expect(res.text).toMatch(
      /certdesk_import_runs\{source="inbox",status="duplicate"\} 2/,
    );
    expect(res.text).toMatch(
      /certdesk_import_runs\{source="inbox",status="failed"\} 1/,
    );
    expect(res.text).toMatch(
      /certdesk_import_inbox_last_finished_seconds\{status="applied"\} \d+/,
    );
  });
});
