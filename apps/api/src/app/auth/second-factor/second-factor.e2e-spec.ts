import { randomUUID } from 'node:crypto';
import { hotp, base32Decode } from './totp';
import type {
  EnrolmentResult,
  SessionInfo,
  TotpEnrolment,
} from '@certdesk/contracts';
import { AuditEvent } from '../../audit/audit-event.entity';
import { StaffUser } from '../../staff/staff-user.entity';
import { SECOND_FACTOR_ENV, sessionOf } from '../../../testing/second-factor';
import { StaffBrowser, staffByUsername } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { StaffCredential, StaffRecoveryCode } from './staff-credential.entity';

const UNKNOWN = randomUUID();

/**
 * Staff second factor with the policy on (`managers`): enrolment forced after the password,
 * one-time codes on the pinned clock (accepted once), recovery codes, the 5-minute step-up, and
 * failures counting towards the account lock (passkeys: passkeys.e2e-spec.ts).
 */
describeSeededApp(
  'staff second factor on $name',
  { env: SECOND_FACTOR_ENV },
  ({ t }) => {
    const code = (secret: string) =>
      hotp(base32Decode(secret), Math.floor(t.clock.now().getTime() / 30_000));
    const audit = (action: string, targetId: string) =>
      t.dataSource.getRepository(AuditEvent).findBy({ action, targetId });

    async function enrolTotp(
      browser: StaffBrowser,
    ): Promise<{ secret: string; recoveryCodes: string[] }> {
      const start = await browser.post('/api/auth/second-factor/totp/start');
      expect(start.status).toBe(200);
      const enrolment = start.body as TotpEnrolment;
      expect(enrolment.qrCode).toMatch(/^data:image\/png;base64,/);
      expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
      const confirm = await browser.post(
        '/api/auth/second-factor/totp/confirm',
        {
          code: code(enrolment.secret),
        },
      );
      expect(confirm.status).toBe(200);
      const result = confirm.body as EnrolmentResult;
      return {
        secret: enrolment.secret,
        recoveryCodes: result.recoveryCodes ?? [],
      };
    }

    it('a manager without a factor is sent to enrolment and can do nothing else; after a one-time code, approving passes the gate', async () => {
      const manager = StaffBrowser.of(t);
      const login = await manager.login('manager-1001');
      expect(login.status).toBe(200);
      expect((login.body as SessionInfo).secondFactor).toMatchObject({
        state: 'enrolment_required',
        required: true,
        enrolled: false,
      });
      const refused = await manager.post(
        `/api/reissues/${UNKNOWN}/approve`,
        {},
      );
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('second_factor_enrolment_required');
      expect((await manager.get('/api/certificates')).status).toBe(403);
      for (const [method, path] of [
        ['post', '/api/notice-templates/renewal_reminder/publish'],
        ['put', '/api/notice-schedule'],
        ['post', `/api/certificates/${UNKNOWN}/revoke`],
      ] as const)
        expect((await manager.send(method, path, {})).status).toBe(403);

      const { secret, recoveryCodes } = await enrolTotp(manager);
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      const staff = await staffByUsername(t, 'manager-1001');
      const stored = await t.dataSource
        .getRepository(StaffRecoveryCode)
        .findBy({ staffUserId: staff.id });
      expect(stored).toHaveLength(10);
      expect(stored.map((c) => c.codeHash)).not.toContain(recoveryCodes[0]);
      expect((await sessionOf(manager)).secondFactor.state).toBe('verified');
      // Enrolling proved the factor just now: the decision passes the guard (404: no such request).
      expect(
        (await manager.post(`/api/reissues/${UNKNOWN}/approve`, {})).status,
      ).toBe(404);
      expect(await audit('auth.second_factor.enrol', staff.id)).toHaveLength(1);

      // Five minutes later the same decision asks for a step-up, and goes through after it.
      t.clock.advance(5 * 60 * 1000);
      const stale = await manager.post(`/api/reissues/${UNKNOWN}/approve`, {});
      expect(stale.status).toBe(401);
      expect(stale.body.code).toBe('step_up_required');
      expect((await manager.get('/api/auth/me')).status).toBe(200); // still signed in
      for (const [method, path] of [
        ['post', '/api/notice-templates/renewal_reminder/publish'],
        ['put', '/api/notice-schedule'],
        ['post', `/api/certificates/${UNKNOWN}/revoke`],
        ['post', `/api/reissues/${UNKNOWN}/reject`],
      ] as const) {
        const answer = await manager.send(method, path, {});
        expect([path, answer.status, answer.body.code]).toEqual([
          path,
          401,
          'step_up_required',
        ]);
      }
      const fresh = code(secret);
      expect(
        (
          await manager.post('/api/auth/second-factor/verify', {
            totpCode: fresh,
          })
        ).status,
      ).toBe(200);
      expect(
        (await manager.post(`/api/reissues/${UNKNOWN}/approve`, {})).status,
      ).toBe(404);

      // The same code again (same 30 s step) is refused: a code is accepted once.
      t.clock.advance(5 * 60 * 1000);
      const replay = await manager.post('/api/auth/second-factor/verify', {
        totpCode: fresh,
      });
      expect(replay.status).toBe(400);
      expect(replay.body.code).toBe('second_factor_invalid');

      // Signing in again: the password alone opens nothing but the proof.
      const again = await StaffBrowser.signedIn(t, 'manager-1001');
      expect((await sessionOf(again)).secondFactor.state).toBe('pending');
      const pending = await again.get('/api/certificates');
      expect(pending.status).toBe(401);
      expect(pending.body.code).toBe('second_factor_required');
      // A recovery code works once.
      expect(
        (
          await again.post('/api/auth/second-factor/verify', {
            recoveryCode: recoveryCodes[0].toLowerCase(),
          })
        ).status,
      ).toBe(200);
      expect((await again.get('/api/certificates')).status).toBe(200);
      const third = StaffBrowser.of(t);
      await third.login('manager-1001');
      expect(
        (
          await third.post('/api/auth/second-factor/verify', {
            recoveryCode: recoveryCodes[0],
          })
        ).status,
      ).toBe(400);
      const failures = (
        await audit('auth.second_factor.verify', staff.id)
      ).filter((e) => e.outcome === 'failure');
      expect(failures.length).toBeGreaterThanOrEqual(2);
    });

    it('second-factor failures count towards the same lock as passwords: the tenth locks and ends the sessions', async () => {
      const admin = await StaffBrowser.signedIn(t, 'admin-1002');
      const { secret } = await enrolTotp(admin);
      const staff = await staffByUsername(t, 'admin-1002');
      await t.dataSource
        .getRepository(StaffUser)
        .update({ id: staff.id }, { failedLoginCount: 7 }); // seven wrong passwords before
      const wrongCode = String((Number(code(secret)) + 1) % 1_000_000).padStart(
        6,
        '0',
      );
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          admin.post('/api/auth/second-factor/verify', { totpCode: wrongCode }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(
        1,
      );
      const after = await staffByUsername(t, 'admin-1002');
      expect(after.lockedUntil).not.toBeNull();
      expect(await audit('auth.locked', staff.id)).toHaveLength(1);
      expect((await admin.get('/api/auth/me')).status).toBe(401);
      // Locked: even the right password is refused.
      expect((await StaffBrowser.of(t).login('admin-1002')).status).toBe(401);
    });

    it('branch staff need no factor under managers; a manager (after a step-up) can require it of all staff, audited', async () => {
      const branch = await StaffBrowser.signedIn(t, 'branch_staff-1002');
      expect((await sessionOf(branch)).secondFactor.state).toBe('not_required');
      expect((await branch.get('/api/certificates')).status).toBe(200);

      const manager = StaffBrowser.of(t);
      await manager.login('manager-1001');
      const staff = await staffByUsername(t, 'manager-1001');
      await manager.post('/api/auth/second-factor/verify', {
        recoveryCode: 'not-a-code',
      });
      t.clock.advance(10 * 60 * 1000);
      const stale = await manager.send(
        'put',
        '/api/auth/second-factor/policy',
        {
          policy: 'all',
        },
      );
      expect(stale.status).toBe(401); // pending: not proven in this session
      expect(stale.body.code).toBe('second_factor_required');
      const secret = (
        await t.dataSource
          .getRepository(StaffCredential)
          .findOneByOrFail({ staffUserId: staff.id, kind: 'totp' })
      ).totpSecret as string;
      expect(
        (
          await manager.post('/api/auth/second-factor/verify', {
            totpCode: code(secret),
          })
        ).status,
      ).toBe(200);
      const changed = await manager.send(
        'put',
        '/api/auth/second-factor/policy',
        {
          policy: 'all',
        },
      );
      expect(changed.status).toBe(200);
      expect(changed.body.policy).toBe('all');
      expect(
        await audit('auth.second_factor.policy', staff.creditUnionId),
      ).toHaveLength(1);
      const branchA = StaffBrowser.of(t);
      await branchA.login('branch_staff-1001');
      expect((await sessionOf(branchA)).secondFactor.state).toBe(
        'enrolment_required',
      );
      expect((await branchA.get('/api/certificates')).status).toBe(403);
      // Only that credit union.
      expect((await branch.get('/api/certificates')).status).toBe(200);
      const bad = await manager.send('put', '/api/auth/second-factor/policy', {
        policy: 'everyone',
      });
      expect(bad.status).toBe(400);
    });

    it('an admin resets another member’s factors only with a second admin’s approval; the member enrols again', async () => {
      const admin = StaffBrowser.of(t);
      await admin.login('admin-1001');
      const second = StaffBrowser.of(t);
      await second.login('admin2-1001');
      // Admins must have a factor too: nothing but enrolment until then.
      const target = await staffByUsername(t, 'manager-1001');
      const early = await admin.post(
        `/api/staff/${target.id}/reset-second-factor`,
      );
      expect(early.status).toBe(403);
      expect(early.body.code).toBe('second_factor_enrolment_required');
      await enrolTotp(admin);
      await enrolTotp(second);
      const manager = StaffBrowser.of(t);
      await manager.login('manager-1001');

      const requested = await admin.post(
        `/api/staff/${target.id}/reset-second-factor`,
      );
      expect(requested.status).toBe(202);
      const requestId = requested.body.pendingChange.id as string;
      expect(requested.body.pendingChange.kind).toBe('reset_factors');
      expect(
        await t.dataSource
          .getRepository(StaffCredential)
          .countBy({ staffUserId: target.id }),
      ).toBeGreaterThan(0);
      // Not by the requester.
      expect(
        (
          await admin.post(
            `/api/staff-change-requests/${requestId}/approve`,
            {},
          )
        ).status,
      ).toBe(403);
      const approved = await second.post(
        `/api/staff-change-requests/${requestId}/approve`,
        {},
      );
      expect(approved.status).toBe(200);
      expect(
        await t.dataSource
          .getRepository(StaffCredential)
          .countBy({ staffUserId: target.id }),
      ).toBe(0);
      expect(
        await t.dataSource
          .getRepository(StaffRecoveryCode)
          .countBy({ staffUserId: target.id }),
      ).toBe(0);
      expect(await audit('auth.second_factor.reset', target.id)).toHaveLength(
        1,
      );
      expect((await manager.get('/api/auth/me')).status).toBe(401); // sessions ended
      const again = StaffBrowser.of(t);
      await again.login('manager-1001');
      expect((await sessionOf(again)).secondFactor.state).toBe(
        'enrolment_required',
      );
    });
  },
);
