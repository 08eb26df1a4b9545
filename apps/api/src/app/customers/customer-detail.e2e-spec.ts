import type { CustomerDetail } from '@certdesk/contracts';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffBrowser } from '../../testing/staff-browser';
import { AuditEvent } from '../audit/audit-event.entity';
import { Customer } from './customer.entity';
import { IbUser } from './ib-user.entity';

describeSeededApp('GET /api/customers/:id on $name', ({ t, seeded }) => {
  let customerA: Customer;
  let customerB: Customer;

  beforeAll(async () => {
    customerA = await t.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ creditUnionId: seeded.a.id });
    customerB = await t.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ creditUnionId: seeded.b.id });
    // Make the first IB user of A locked out: expired 30 days ago.
    const [first] = await t.dataSource.getRepository(IbUser).find({
      where: { customerId: customerA.id },
      order: { loginId: 'ASC' },
    });
    await t.dataSource.getRepository(IbUser).update(first.id, {
      currentExpiryDate: '2026-11-01',
      currentRevoked: false,
      reissueState: null,
    });
  });

  it('shows each IB user with status, the reason in Japanese, and the certificate history; the view is audited', async () => {
    const staff = StaffBrowser.of(t);
    await staff.login(seeded.username('branch_staff', seeded.a));
    const res = await staff.get(`/api/customers/${customerA.id}`);
    expect(res.status).toBe(200);
    const body = res.body as CustomerDetail;
    expect(body).toMatchObject({
      id: customerA.id,
      contractNumber: customerA.contractNumber,
      companyName: customerA.companyName,
      today: '2026-12-01',
    });
    const locked = body.ibUsers.find((u) => u.status === 'expired');
    expect(locked?.statusReason).toBe(
      '有効期限（2026年11月1日(日)）から30日経過。ログオンできません。ログオン画面の「電子証明書取得」から再取得できます（あと60日）。',
    );
    expect(locked?.daysLeft).toBe(-30);
    for (const u of body.ibUsers) {
      if (u.currentCertificate)
        expect(u.history.filter((c) => c.current).map((c) => c.id)).toEqual([
          u.currentCertificate.id,
        ]);
    }
    const audit = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'customer.view', targetId: customerA.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      outcome: 'success',
      creditUnionId: seeded.a.id,
      actorName: seeded.username('branch_staff', seeded.a),
    });
  });

  it('answers 404 for another credit union’s customer, an unknown id and a malformed id, alike', async () => {
    const staff = StaffBrowser.of(t);
    await staff.login(seeded.username('compliance', seeded.a));
    for (const id of [
      customerB.id,
      '00000000-0000-4000-8000-000000000000',
      'not-an-id',
    ]) {
      const res = await staff.get(`/api/customers/${id}`);
      expect({ id, status: res.status, message: res.body.message }).toEqual({
        id,
        status: 404,
        message: '指定されたデータは見つかりません',
      });
    }
  });

  it('is refused to admins and anonymous callers', async () => {
    const admin = StaffBrowser.of(t);
    await admin.login(seeded.username('admin', seeded.a));
    expect((await admin.get(`/api/customers/${customerA.id}`)).status).toBe(
      403,
    );
    expect(
      (await StaffBrowser.of(t).get(`/api/customers/${customerA.id}`)).status,
    ).toBe(401);
  });
});
