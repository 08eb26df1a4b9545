import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lifecycleStatus } from '@certdesk/domain';
import { IbClient } from '../../testing/ib-client';
import { rsaCsrs } from '../../testing/pki';
import { createTestApp, TestApp } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-database';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { IbUser } from '../customers/ib-user.entity';
import { DemoDataService } from './demo-data.service';

describe.each(testDatabases())('demo data at start-up on $name', (db) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  const dataDir = mkdtempSync(join(tmpdir(), 'certdesk-demo-'));

  beforeAll(async () => {
    const created = await db.create();
    drop = created.drop;
    t = await createTestApp(created.config, {
      env: {
        DEMO_DATA: 'on',
        IB_TLS_PORT: '0',
        DATA_DIR: dataDir,
        DEMO_PIN: '4321',
        DEMO_CONFIRMATION_PIN: '8765',
      },
    });
    await t.app.get(DemoDataService).seedIfEmpty();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives every IB user the demo PINs, so an expired demo user can acquire a certificate by hand', async () => {
    const users = await t.dataSource.getRepository(IbUser).find();
    expect(users.length).toBeGreaterThan(500);
    expect(users.every((u) => u.pinHash && u.confirmPinHash)).toBe(true);
    const expired = users.find(
      (u) =>
        lifecycleStatus(
          {
            expiryDate: u.currentExpiryDate,
            revoked: u.currentRevoked,
            reissue: u.reissueState,
          },
          t.clock.today(),
        ) === 'expired',
    );
    if (!expired) throw new Error('the demo data has no expired user');
    const [csr] = await rsaCsrs(1);
    const { code } = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ id: expired.creditUnionId });
    const res = await new IbClient(t).post('/ib/acquisitions', {
      creditUnionCode: code,
      loginId: expired.loginId,
      pin: '4321',
      confirmationPin: '8765',
      csr,
    });
    expect(res.status).toBe(201);
    expect(
      (
        await new IbClient(t).post('/ib/acquisitions', {
          creditUnionCode: code,
          loginId: expired.loginId,
          pin: '1234',
          confirmationPin: '5678',
          csr,
        })
      ).status,
    ).toBe(401);
  });

  it('seeds only an empty database', async () => {
    const before = await t.dataSource.getRepository(IbUser).count();
    await t.app.get(DemoDataService).seedIfEmpty();
    expect(await t.dataSource.getRepository(IbUser).count()).toBe(before);
  });
});
