import { lifecycleStatus } from '@certdesk/domain';
import { IbClient } from '../../testing/ib-client';
import { rsaCsrs } from '../../testing/pki';
import { describeApp } from '../../testing/describe-app';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { IbUser } from '../customers/ib-user.entity';
import { DemoDataService } from './demo-data.service';
import { lifecycleInputOf } from '../customers/ib-user-lifecycle';

describeApp(
  'demo data at start-up on $name',
  {
    ibChannel: true,
    env: {
      DEMO_DATA: 'on',
      DEMO_PIN: '4321',
      DEMO_CONFIRMATION_PIN: '8765',
    },
  },
  ({ t }) => {
    beforeAll(async () => {
      await t.app.get(DemoDataService).seedIfEmpty();
    }, 120_000);

    it('gives every IB user the demo PINs, so an expired demo user can acquire a certificate by hand', async () => {
      const users = await t.dataSource.getRepository(IbUser).find();
      expect(users.length).toBeGreaterThan(500);
      expect(users.every((u) => u.pinHash && u.confirmPinHash)).toBe(true);
      const expired = users.find(
        (u) =>
          lifecycleStatus(lifecycleInputOf(u), t.clock.today()) === 'expired',
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
  },
);
