import { randomUUID } from 'node:crypto';
import { addDays } from '@certdesk/domain';
import type { ReissuePage, ReissueView } from '@certdesk/contracts';
import { IsNull, Not } from 'typeorm';
import { describeSeededApp } from '../../testing/describe-app';
import { PEMLESS_CERTIFICATE } from '../certificates/pemless-certificate';
import { StaffBrowser, staffByUsername } from '../../testing/staff-browser';
import { AuditEvent } from '../audit/audit-event.entity';
import { Certificate } from '../certificates/certificate.entity';
import { IbUser } from '../customers/ib-user.entity';
import { StaffUser } from '../staff/staff-user.entity';

const REQUEST = {
  reason: 'lost_device',
  identityCheck: '届出印の照合（電子証明書再発行依頼書）',
  formReceivedOn: '2026-12-01',
};

describeSeededApp('reissue (再発行処理) on $name', ({ t, seeded }) => {
  let branch: StaffBrowser;
  let manager: StaffBrowser;
  let manager2: StaffBrowser;
  let users: IbUser[];

  beforeAll(async () => {
    // A second manager in credit union A, for dual control.
    const first = await staffByUsername(
      t,
      seeded.username('manager', seeded.a),
    );
    await t.dataSource.getRepository(StaffUser).insert({
      ...first,
      id: randomUUID(),
      username: 'manager2-1001',
      displayName: '第二 役席',
    });
    branch = StaffBrowser.of(t);
    await branch.login(seeded.username('branch_staff', seeded.a));
    manager = StaffBrowser.of(t);
    await manager.login(seeded.username('manager', seeded.a));
    manager2 = StaffBrowser.of(t);
    await manager2.login('manager2-1001');
    // Eight IB users of one customer of A, each with a current certificate.
    const [template] = await t.dataSource.getRepository(IbUser).find({
      where: { creditUnionId: seeded.a.id },
      order: { loginId: 'ASC' },
    });
    const repo = t.dataSource.getRepository(IbUser);
    users = [];
    for (let i = 0; i < 8; i++) {
      const id = randomUUID();
      const certificateId = randomUUID();
      await repo.insert({
        ...template,
        id,
        loginId: `reissue-${i}`,
        ibRole: 'user',
        currentCertificateId: null,
        currentExpiryDate: null,
        reissueState: null,
      });
      await t.dataSource.getRepository(Certificate).insert({
        id: certificateId,
        creditUnionId: seeded.a.id,
        ibUserId: id,
        serialHex: `7e57${i}`,
        subjectDn: `CN=reissue-${i}`,
        notBefore: t.clock.now(),
        notAfter: new Date('2027-06-30T14:59:59Z'),
        expiryDate: '2027-06-30',
        ...PEMLESS_CERTIFICATE,
        issuedVia: 'imported',
        createdAt: t.clock.now(),
      });
      await repo.update(id, {
        currentCertificateId: certificateId,
        currentExpiryDate: '2027-06-30',
      });
      users.push(await repo.findOneByOrFail({ id }));
    }
  });

  const ibUser = (id: string) =>
    t.dataSource.getRepository(IbUser).findOneByOrFail({ id });
  const request = async (
    who: StaffBrowser,
    ibUserId: string,
    body: object = REQUEST,
  ) => who.post('/api/reissues', { ibUserId, ...body });

  it('records a request (pending), refuses a second one while it is open, and approves it under dual control', async () => {
    const user = users[0];
    const created = await request(branch, user.id);
    expect(created.status).toBe(201);
    const view = created.body as ReissueView;
    expect(view).toMatchObject({
      status: 'pending',
      reason: 'lost_device',
      requestedBy: { name: expect.any(String) },
      ibUser: { id: user.id, status: 'reissue_pending' },
    });
    expect((await ibUser(user.id)).reissueState).toBe('pending');
    expect((await request(manager, user.id)).status).toBe(409);

    expect(
      (await branch.post(`/api/reissues/${view.id}/approve`, {})).status,
    ).toBe(403);
    const approved = await manager.post(`/api/reissues/${view.id}/approve`, {
      comment: '依頼書・届出印を確認',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'authorized',
      authorizedUntil: addDays('2026-12-01', 79),
      decisionComment: '依頼書・届出印を確認',
      ibUser: { status: 'reissue_authorized' },
    });
    const open = await t.dataSource
      .getRepository(Certificate)
      .countBy({ ibUserId: user.id, revokedAt: IsNull() });
    expect(open).toBe(0);
    const revoked = await t.dataSource
      .getRepository(Certificate)
      .findBy({ ibUserId: user.id, revokedAt: Not(IsNull()) });
    expect(revoked).toHaveLength(1);
    for (const c of revoked) expect(c.revocationReason).toBe('superseded');
    expect(await ibUser(user.id)).toMatchObject({ reissueState: 'authorized' });
    const mails = await t.dataSource.query(
      `SELECT kind, acquisition_deadline FROM notice_outbox WHERE dedupe_key = 'reissue:${view.id}'`,
    );
    expect(mails).toEqual([
      {
        kind: 'reissue_ready',
        acquisition_deadline: addDays('2026-12-01', 79),
      },
    ]);
    expect(
      (await manager2.post(`/api/reissues/${view.id}/reject`, {})).status,
    ).toBe(409);
  });

  it('never lets the requester decide their own request (403, audited)', async () => {
    const created = (
      await request(manager, users[1].id, {
        ...REQUEST,
        reason: 'key_compromise',
      })
    ).body as ReissueView;
    const own = await manager.post(`/api/reissues/${created.id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.message).toBe(
      'ご自身が依頼した再発行は承認・却下できません。別の役席が処理してください',
    );
    const denied = await t.dataSource.getRepository(AuditEvent).findBy({
      action: 'reissue.approve',
      targetId: created.id,
      outcome: 'denied',
    });
    expect(denied).toHaveLength(1);
    expect(
      (await manager2.post(`/api/reissues/${created.id}/approve`, {})).status,
    ).toBe(200);
    const certs = await t.dataSource
      .getRepository(Certificate)
      .findBy({ ibUserId: users[1].id });
    expect(certs.map((c) => c.revocationReason)).toEqual(['keyCompromise']);
  });

  it('rejects and cancels, and only the requester may cancel', async () => {
    const a = (await request(branch, users[2].id)).body as ReissueView;
    expect(
      (
        await manager.post(`/api/reissues/${a.id}/reject`, {
          comment: '依頼書の印影が不一致',
        })
      ).body,
    ).toMatchObject({ status: 'rejected' });
    expect((await ibUser(users[2].id)).reissueState).toBeNull();
    const b = (await request(branch, users[2].id)).body as ReissueView;
    expect(
      (await manager.post(`/api/reissues/${b.id}/cancel`, {})).status,
    ).toBe(403);
    expect(
      (await branch.post(`/api/reissues/${b.id}/cancel`, {})).body,
    ).toMatchObject({ status: 'cancelled' });
    expect((await branch.post(`/api/reissues/${b.id}/cancel`, {})).status).toBe(
      409,
    );
  });

  it.each([
    [{ ...REQUEST, reason: 'other' }, 'reasonText'],
    [{ ...REQUEST, formReceivedOn: '2026-12-02' }, 'formReceivedOn'],
    [{ ...REQUEST, reason: 'stolen' }, 'reason'],
    [{ ...REQUEST, identityCheck: '' }, 'identityCheck'],
  ])(
    'refuses %o with a 400 naming %s and records nothing',
    async (body, field) => {
      const before = await t.dataSource.query(
        'SELECT COUNT(*) AS n FROM reissue_request',
      );
      const res = await request(branch, users[3].id, body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(
        field,
      );
      expect(
        await t.dataSource.query('SELECT COUNT(*) AS n FROM reissue_request'),
      ).toEqual(before);
    },
  );

  it('answers 404 for another credit union’s IB user and request', async () => {
    const other = await t.dataSource
      .getRepository(IbUser)
      .findOneByOrFail({ creditUnionId: seeded.b.id });
    expect((await request(branch, other.id)).status).toBe(404);
    const staffB = StaffBrowser.of(t);
    await staffB.login(seeded.username('branch_staff', seeded.b));
    const mine = (await request(staffB, other.id)).body as ReissueView;
    expect((await manager.get(`/api/reissues/${mine.id}`)).status).toBe(404);
    expect(
      (await manager.post(`/api/reissues/${mine.id}/approve`, {})).status,
    ).toBe(404);
    const list = (await manager.get('/api/reissues')).body as ReissuePage;
    expect(list.items.map((i) => i.id)).not.toContain(mine.id);
  });

  it('lets an unused authorization expire after its last day, and the status follows', async () => {
    const created = (await request(branch, users[4].id)).body as ReissueView;
    await manager.post(`/api/reissues/${created.id}/approve`, {});
    t.clock.advance(80 * 86_400_000);
    try {
      const m = StaffBrowser.of(t);
      await m.login(seeded.username('manager', seeded.a));
      const view = (await m.get(`/api/reissues/${created.id}`))
        .body as ReissueView;
      expect(view.status).toBe('expired');
      expect((await ibUser(users[4].id)).reissueState).toBeNull();
      expect(view.ibUser.status).not.toMatch(/^reissue_/);
    } finally {
      t.clock.advance(-80 * 86_400_000);
    }
  });

  it('turns 50 simultaneous approvals of one request into exactly one authorization', async () => {
    const created = (await request(branch, users[7].id)).body as ReissueView;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        manager.post(`/api/reissues/${created.id}/approve`, {}),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const approvals = await t.dataSource.getRepository(AuditEvent).findBy({
      action: 'reissue.approve',
      targetId: created.id,
      outcome: 'success',
    });
    expect(approvals).toHaveLength(1);
  });
});
