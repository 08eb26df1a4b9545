import type { EnrolmentResult, SessionInfo } from '@certdesk/contracts';
import {
  SECOND_FACTOR_ENV,
  sessionOf,
  TEST_WEBAUTHN_ORIGIN,
} from '../../../testing/second-factor';
import { SoftAuthenticator } from '../../../testing/soft-authenticator';
import { StaffBrowser, staffByUsername } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { StaffCredential } from './staff-credential.entity';

/**
 * Staff passkeys with the second factor on (`managers`): registered with a software
 * authenticator after the password, then the second factor, then a sign-in on their own.
 */
describeSeededApp(
  'staff passkeys on $name',
  { env: SECOND_FACTOR_ENV },
  ({ t }) => {
    const authenticator = new SoftAuthenticator(TEST_WEBAUTHN_ORIGIN);

    it('a passkey registered with a software authenticator signs in after the password, and its counter is kept', async () => {
      const manager = await StaffBrowser.signedIn(t, 'manager-1002');
      const options = await manager.post(
        '/api/auth/second-factor/passkeys/options',
      );
      expect(options.status).toBe(200);
      expect(options.body).toMatchObject({
        rp: { id: 'localhost' },
        attestation: 'none',
        authenticatorSelection: { userVerification: 'preferred' },
      });
      const registered = await manager.post(
        '/api/auth/second-factor/passkeys',
        {
          name: '窓口PC',
          response: authenticator.register(options.body),
        },
      );
      expect(registered.status).toBe(200);
      expect((registered.body as EnrolmentResult).recoveryCodes).toHaveLength(
        10,
      );

      await manager.post('/api/auth/logout');
      expect((await manager.login('manager-1002')).status).toBe(200);
      expect((await sessionOf(manager)).secondFactor.state).toBe('pending');
      // An answer for another origin is refused and counted.
      const challenge = await manager.post(
        '/api/auth/second-factor/passkey-challenge',
      );
      const wrong = await manager.post('/api/auth/second-factor/verify', {
        passkey: authenticator.authenticate(challenge.body, {
          origin: 'https://evil.example',
        }),
      });
      expect(wrong.status).toBe(400);
      const next = await manager.post(
        '/api/auth/second-factor/passkey-challenge',
      );
      const ok = await manager.post('/api/auth/second-factor/verify', {
        passkey: authenticator.authenticate(next.body),
      });
      expect(ok.status).toBe(200);
      expect(ok.body.state).toBe('verified');
      const staff = await staffByUsername(t, 'manager-1002');
      const [passkey] = await t.dataSource
        .getRepository(StaffCredential)
        .findBy({ staffUserId: staff.id, kind: 'passkey' });
      expect(passkey).toMatchObject({ name: '窓口PC', counter: 2 });
      expect(passkey.lastUsedAt).not.toBeNull();
      // The challenge was taken: the same answer cannot be sent twice.
      const replay = await manager.post('/api/auth/second-factor/verify', {
        passkey: authenticator.authenticate(next.body),
      });
      expect(replay.status).toBe(400);
      const overview = await manager.get('/api/auth/second-factor');
      expect(overview.body.passkeys).toEqual([
        expect.objectContaining({
          name: '窓口PC',
          lastUsedAt: expect.any(String),
        }),
      ]);
    });

    it('signs in with the passkey alone (user verification), once per challenge; an unknown passkey gets the uniform 401', async () => {
      const browser = StaffBrowser.of(t);
      const options = await browser.post('/api/auth/passkey/options');
      expect(options.status).toBe(200);
      expect(options.body.userVerification).toBe('required');
      const answer = authenticator.authenticate(options.body);
      const login = await browser.post('/api/auth/passkey/login', {
        response: answer,
      });
      expect(login.status).toBe(200);
      expect((login.body as SessionInfo).username).toBe('manager-1002');
      expect((login.body as SessionInfo).secondFactor.state).toBe('verified');
      expect((await browser.get('/api/certificates')).status).toBe(200);
      const replay = await StaffBrowser.of(t).post('/api/auth/passkey/login', {
        response: answer,
      });
      expect(replay.status).toBe(401);
      const stranger = new SoftAuthenticator(TEST_WEBAUTHN_ORIGIN);
      stranger.register({
        challenge: 'x',
        rp: { id: 'localhost' },
        user: { id: 'nobody' },
      });
      const fresh = await browser.post('/api/auth/passkey/options');
      const unknown = await StaffBrowser.of(t).post('/api/auth/passkey/login', {
        response: stranger.authenticate(fresh.body),
      });
      expect(unknown.status).toBe(401);
      expect(unknown.body.message).toBe(replay.body.message);
    });
  },
);
