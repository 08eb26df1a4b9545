import { randomUUID } from 'node:crypto';
import type {
  StaffChangeDecision,
  StaffChangePending,
  StaffChangeRequestView,
} from '@certdesk/contracts';
import { AuditEvent } from '../audit/audit-event.entity';
import { StaffBrowser, staffByUsername } from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffChangeRequest } from './staff-change-request.entity';
import { StaffUser } from './staff-user.entity';

/**
 * Dual control in 職員管理: one admin alone cannot grant manager or admin, nor reset another
 * admin's password; a second admin of the same credit union approves, once.
 */
describeSeededApp(
  'staff changes under dual control on $name',
  ({ t, seeded }) => {
    let adminA: StaffBrowser;
    let secondA: StaffBrowser;
    let thirdA: StaffBrowser;
    let fourthA: StaffBrowser;
    let adminB: StaffBrowser;

    /** Another admin of `cu`, with the demo password (a copy of the seeded admin's row). */
    async function extraAdmin(
      username: string,
      of: string,
    ): Promise<StaffBrowser> {
      const model = await staffByUsername(t, of);
      await t.dataSource.getRepository(StaffUser).insert({
        ...model,
        id: randomUUID(),
        username,
        displayName: username,
      });
      return StaffBrowser.signedIn(t, username);
    }

    beforeAll(async () => {
      adminA = await StaffBrowser.signedIn(t, 'admin-1001');
      adminB = await StaffBrowser.signedIn(t, 'admin-1002');
      secondA = await StaffBrowser.signedIn(t, 'admin2-1001');
      thirdA = await extraAdmin('admin3-1001', 'admin-1001');
      fourthA = await extraAdmin('admin4-1001', 'admin-1001');
    });

    const audit = (action: string, targetId?: string) =>
      t.dataSource
        .getRepository(AuditEvent)
        .findBy(targetId ? { action, targetId } : { action });
    const stored = (id: string) =>
      t.dataSource.getRepository(StaffChangeRequest).findOneByOrFail({ id });
    const approve = (who: StaffBrowser, id: string, body: object = {}) =>
      who.post(`/api/staff-change-requests/${id}/approve`, body);

    it('an admin granting manager gets a pending request; the role is unchanged; the same admin cannot approve', async () => {
      const target = await staffByUsername(t, 'compliance-1001');
      const res = await adminA.patch(`/api/staff/${target.id}`, {
        role: 'manager',
        displayName: '佐々木 役席候補',
      });
      expect(res.status).toBe(202);
      const { pendingChange, account } = res.body as StaffChangePending;
      expect(pendingChange).toMatchObject({
        kind: 'role',
        status: 'pending',
        staffId: target.id,
        role: 'manager',
        fromRole: 'compliance',
        requestedBy: { name: expect.any(String) },
      });
      // The display name sent with it applies at once; the role waits.
      expect(account).toMatchObject({
        role: 'compliance',
        displayName: '佐々木 役席候補',
      });
      expect((await staffByUsername(t, 'compliance-1001')).role).toBe(
        'compliance',
      );
      const listed = (await adminA.get('/api/staff-change-requests'))
        .body as StaffChangeRequestView[];
      expect(listed.map((r) => r.id)).toEqual([pendingChange.id]);

      const own = await approve(adminA, pendingChange.id);
      expect(own.status).toBe(403);
      expect(own.body.message).toMatch(
        /^自分が依頼した変更は承認・却下できません/,
      );
      expect((await stored(pendingChange.id)).status).toBe('pending');
      expect(await audit('staff_change.approve', pendingChange.id)).toEqual([
        expect.objectContaining({ outcome: 'denied', actorName: 'admin-1001' }),
      ]);
      // One pending change per account.
      const again = await adminA.patch(`/api/staff/${target.id}`, {
        role: 'admin',
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/承認待ちの変更があります/);
    });

    it('another admin of the same credit union approves: the role changes, both steps audited', async () => {
      const target = await staffByUsername(t, 'compliance-1001');
      const [pending] = (await secondA.get('/api/staff-change-requests'))
        .body as StaffChangeRequestView[];
      // Never across tenants: B's admin does not see it and cannot decide it.
      expect((await adminB.get('/api/staff-change-requests')).body).toEqual([]);
      for (const action of ['approve', 'reject', 'cancel']) {
        const foreign = await adminB.post(
          `/api/staff-change-requests/${pending.id}/${action}`,
          { comment: '他金庫から' },
        );
        expect([action, foreign.status]).toEqual([action, 404]);
      }
      expect((await stored(pending.id)).status).toBe('pending');

      const res = await approve(secondA, pending.id, {
        comment: '人事発令を確認',
      });
      expect(res.status).toBe(200);
      const decision = res.body as StaffChangeDecision;
      expect(decision.request).toMatchObject({
        status: 'approved',
        decidedBy: { name: expect.stringContaining('システム管理2') },
        decisionComment: '人事発令を確認',
      });
      expect(decision.account?.role).toBe('manager');
      expect(decision.oneTimePassword).toBeUndefined();
      expect((await staffByUsername(t, 'compliance-1001')).role).toBe(
        'manager',
      );
      expect(
        (await audit('staff_change.request', pending.id)).map(
          (e) => e.actorName,
        ),
      ).toEqual(['admin-1001']);
      expect(
        (await audit('staff_change.approve', pending.id))
          .filter((e) => e.outcome === 'success')
          .map((e) => e.actorName),
      ).toEqual(['admin2-1001']);
      const applied = (await audit('staff.update', target.id)).find((e) =>
        e.details.includes('"to":"manager"'),
      );
      expect(applied?.actorName).toBe('admin2-1001');
      await adminA.patch(`/api/staff/${target.id}`, { role: 'compliance' });
    });

    it('creating an admin waits; the approver receives the one-time password', async () => {
      const res = await adminA.post('/api/staff', {
        username: 'kanri.new',
        displayName: '新任 管理者',
        role: 'admin',
      });
      expect(res.status).toBe(202);
      const { pendingChange } = res.body as StaffChangePending;
      expect(pendingChange).toMatchObject({ kind: 'create', staffId: null });
      expect(JSON.stringify(res.body)).not.toMatch(/oneTimePassword/);
      expect(
        await t.dataSource
          .getRepository(StaffUser)
          .existsBy({ username: 'kanri.new' }),
      ).toBe(false);
      // The username is kept for it: nobody creates it meanwhile, in any credit union, in any role.
      for (const [browser, role] of [
        [adminA, 'branch_staff'],
        [adminB, 'compliance'],
        [adminB, 'admin'],
      ] as const) {
        const taken = await browser.post('/api/staff', {
          username: 'kanri.new',
          displayName: '横取り',
          role,
        });
        expect([role, taken.status]).toEqual([role, 409]);
      }
      const approved = await approve(thirdA, pendingChange.id);
      expect(approved.status).toBe(200);
      const { account, oneTimePassword } = approved.body as StaffChangeDecision;
      expect(account).toMatchObject({ username: 'kanri.new', role: 'admin' });
      expect((await stored(pendingChange.id)).staffId).toBe(account?.id);
      const newcomer = StaffBrowser.of(t);
      expect(
        (await newcomer.login('kanri.new', oneTimePassword)).body
          .mustChangePassword,
      ).toBe(true);
    });

    it('resetting another admin’s password waits; the admin concerned cannot approve it; a third admin does', async () => {
      const target = await staffByUsername(t, 'admin2-1001');
      const res = await adminA.post(`/api/staff/${target.id}/reset-password`);
      expect(res.status).toBe(202);
      const { pendingChange } = res.body as StaffChangePending;
      expect(pendingChange.kind).toBe('reset_password');
      expect((await staffByUsername(t, 'admin2-1001')).passwordHash).toBe(
        target.passwordHash,
      );
      const ownAccount = await approve(secondA, pendingChange.id);
      expect(ownAccount.status).toBe(403);
      expect(ownAccount.body.message).toMatch(/ご自身のアカウント/);

      const approved = await approve(thirdA, pendingChange.id);
      expect(approved.status).toBe(200);
      const { oneTimePassword } = approved.body as StaffChangeDecision;
      expect((await secondA.get('/api/auth/me')).status).toBe(401);
      expect((await StaffBrowser.of(t).login('admin2-1001')).status).toBe(401);
      secondA = StaffBrowser.of(t);
      expect(
        (await secondA.login('admin2-1001', oneTimePassword)).body
          .mustChangePassword,
      ).toBe(true);
    });

    it('20 concurrent approvals apply the change once', async () => {
      const target = await staffByUsername(t, 'admin3-1001');
      const res = await adminA.post(`/api/staff/${target.id}/reset-password`);
      expect(res.status).toBe(202);
      const { pendingChange } = res.body as StaffChangePending;
      const results = await Promise.all(
        Array.from({ length: 20 }, () => approve(fourthA, pendingChange.id)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(
        (await audit('staff.reset_password', target.id)).map(
          (e) => e.actorName,
        ),
      ).toEqual(['admin4-1001']);
      expect(
        (await audit('staff_change.approve', pendingChange.id)).filter(
          (e) => e.outcome === 'success',
        ),
      ).toHaveLength(1);
      const winner = results.find((r) => r.status === 200)
        ?.body as StaffChangeDecision;
      expect(
        (await StaffBrowser.of(t).login('admin3-1001', winner.oneTimePassword))
          .status,
      ).toBe(200);
    });

    it('a rejection needs a reason and changes nothing; the requester may cancel; a decided request answers 409', async () => {
      const target = await staffByUsername(t, 'branch_staff-1001');
      const pending = (
        (await adminA.patch(`/api/staff/${target.id}`, { role: 'admin' }))
          .body as StaffChangePending
      ).pendingChange;
      const url = `/api/staff-change-requests/${pending.id}`;
      for (const body of [
        {},
        { comment: '   ' },
        { comment: 'x'.repeat(501) },
      ]) {
        const bad = await fourthA.post(`${url}/reject`, body);
        expect(bad.status).toBe(400);
        expect(bad.body.details[0]).toMatchObject({
          field: 'comment',
          reason: expect.stringMatching(/^却下の理由/),
        });
      }
      const rejected = await fourthA.post(`${url}/reject`, {
        comment: '発令が確認できません',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body.request).toMatchObject({
        status: 'rejected',
        decisionComment: '発令が確認できません',
      });
      expect((await staffByUsername(t, 'branch_staff-1001')).role).toBe(
        'branch_staff',
      );
      expect((await fourthA.post(`${url}/approve`, {})).status).toBe(409);

      const next = (
        (await adminA.patch(`/api/staff/${target.id}`, { role: 'manager' }))
          .body as StaffChangePending
      ).pendingChange;
      expect(
        (await fourthA.post(`/api/staff-change-requests/${next.id}/cancel`))
          .status,
      ).toBe(403);
      const cancelled = await adminA.post(
        `/api/staff-change-requests/${next.id}/cancel`,
      );
      expect(cancelled.body.request.status).toBe('cancelled');
      expect(
        (await adminA.get('/api/staff-change-requests?status=cancelled')).body,
      ).toEqual([expect.objectContaining({ id: next.id })]);
      expect(
        (await adminA.get('/api/staff-change-requests?status=bogus')).status,
      ).toBe(400);
    });

    it('granting branch_staff or compliance, and resetting a non-admin’s password, stay immediate', async () => {
      const target = await staffByUsername(t, 'branch_staff-1001');
      const role = await adminA.patch(`/api/staff/${target.id}`, {
        role: 'compliance',
      });
      expect([role.status, role.body.role]).toEqual([200, 'compliance']);
      const reset = await adminA.post(`/api/staff/${target.id}/reset-password`);
      expect(reset.status).toBe(200);
      expect(reset.body.oneTimePassword).toEqual(expect.any(String));
      expect(seeded.a.id).toBe(target.creditUnionId);
    });
  },
);
