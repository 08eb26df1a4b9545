import { ERROR_MESSAGES } from '@certdesk/contracts';
import { pastLimitMessage } from '@certdesk/domain';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient } from '../../testing/ib-client';
import {
  addIbUser,
  caCertificatePem,
  rsaCsrs,
  withPins,
} from '../../testing/pki';
import { StaffBrowser } from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { Certificate } from '../certificates/certificate.entity';
import { IbUser } from '../customers/ib-user.entity';
import { MAX_PIN_ATTEMPTS } from './ib-acquisition.service';

const PIN = '2468';
const CONFIRMATION = '13579';

describeSeededApp(
  'IB channel: 電子証明書取得 (acquisition) on $name',
  { ibChannel: true },
  ({ t, seeded }) => {
    let ib: IbClient;
    let caPem: string;
    const openssl = new Openssl();
    const certificates = () => t.dataSource.getRepository(Certificate).count();
    const acquire = (loginId: string, overrides: Record<string, string> = {}) =>
      ib.post('/ib/acquisitions', {
        loginId,
        pin: PIN,
        confirmationPin: CONFIRMATION,
        csr: openssl.newKeyRequest(2048).csrPem,
        ...overrides,
      });
    const user = async (state: Parameters<typeof addIbUser>[2] = {}) =>
      withPins(t, await addIbUser(t, seeded.a, state), PIN, CONFIRMATION);

    beforeAll(async () => {
      ib = new IbClient(t);
      caPem = await caCertificatePem(t);
    }, 60_000);
    afterAll(() => openssl.close());

    it('issues a first certificate with the login ID and both PINs; openssl verifies it and it logs on', async () => {
      const u = await user();
      const { keyPem, csrPem } = openssl.newKeyRequest(2048);
      const res = await ib.post('/ib/acquisitions', {
        loginId: u.loginId,
        pin: PIN,
        confirmationPin: CONFIRMATION,
        csr: csrPem,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        via: 'acquisition',
        expiryDate: '2027-12-01',
      });
      expect(res.body.certificate.subject).toContain(`CN=${u.loginId}`);
      expect(
        openssl.verify(caPem, res.body.certificatePem, { at: t.clock.now() })
          .stdout,
      ).toMatch(/: OK\n$/);
      expect(
        openssl.ok([
          'pkcs7',
          '-print_certs',
          '-noout',
          '-in',
          openssl.file('p7.pem', res.body.pkcs7Pem),
        ]),
      ).toContain(`CN = ${u.loginId}`);

      const me = await ib
        .as({ keyPem, certPem: res.body.certificatePem })
        .get('/ib/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        ibUser: { loginId: u.loginId },
        status: 'valid',
        daysLeft: 365,
        creditUnion: { code: '1001', mediaStorage: false },
      });
    });

    it('lets an expired user acquire through the 90th day, and refuses a past-limit user with the seed’s wording, changing nothing', async () => {
      const expired = await user({ currentExpiryDate: '2026-09-02' }); // 2026-12-01 is the 90th day after
      expect((await acquire(expired.loginId)).status).toBe(201);

      const pastLimit = await user({ currentExpiryDate: '2026-09-01' });
      const before = await certificates();
      const res = await acquire(pastLimit.loginId);
      expect(res.status).toBe(409);
      expect(res.body.message).toBe(pastLimitMessage('2026-09-01'));
      expect(await certificates()).toBe(before);
      expect(
        await t.dataSource
          .getRepository(IbUser)
          .findOneByOrFail({ id: pastLimit.id }),
      ).toMatchObject({
        currentExpiryDate: '2026-09-01',
        failedPinAttempts: 0,
      });
    });

    it('counts wrong PINs, locks the user at the fifth, then refuses even the right PINs; nothing is issued', async () => {
      const u = await user();
      const before = await certificates();
      for (let attempt = 1; attempt < MAX_PIN_ATTEMPTS; attempt++) {
        const res = await acquire(u.loginId, { pin: '0000' });
        expect(res.status).toBe(401);
        expect(res.body.message).toContain(
          `あと${MAX_PIN_ATTEMPTS - attempt}回`,
        );
      }
      const fifth = await acquire(u.loginId, { confirmationPin: '0000' });
      expect(fifth).toMatchObject({
        status: 403,
        body: { message: ERROR_MESSAGES.pin_locked, code: 'pin_locked' },
      });
      expect((await acquire(u.loginId)).status).toBe(403);
      expect(await certificates()).toBe(before);
      const row = await t.dataSource
        .getRepository(IbUser)
        .findOneByOrFail({ id: u.id });
      expect(row.failedPinAttempts).toBe(MAX_PIN_ATTEMPTS);
      expect(row.pinLockedAt).not.toBeNull();
      const audited = await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'ib.acquisition.pin_failed', targetId: u.id });
      expect(audited).toBe(MAX_PIN_ATTEMPTS);

      // Staff see the lock on the customer page; only a manager clears it (audited), then the customer can acquire.
      const branch = StaffBrowser.of(t);
      await branch.login(seeded.username('branch_staff', seeded.a));
      const view = await branch.get(`/api/customers/${u.customerId}`);
      expect(
        view.body.ibUsers.find((x: { id: string }) => x.id === u.id).pinLocked,
      ).toBe(true);
      expect(
        (await branch.post(`/api/ib-users/${u.id}/pin-unlock`)).status,
      ).toBe(403);
      const manager = StaffBrowser.of(t);
      await manager.login(seeded.username('manager', seeded.a));
      expect(
        (await manager.post(`/api/ib-users/${u.id}/pin-unlock`)).status,
      ).toBe(204);
      expect(
        (await manager.post(`/api/ib-users/${u.id}/pin-unlock`)).status,
      ).toBe(409);
      expect(
        await t.dataSource
          .getRepository(AuditEvent)
          .countBy({ action: 'ib_user.pin_unlock', targetId: u.id }),
      ).toBe(1);
      expect((await acquire(u.loginId)).status).toBe(201);
    });

    it('answers an unknown login ID like a wrong PIN, and a right PIN resets the count', async () => {
      const unknown = await acquire('no-such-user');
      expect(unknown).toMatchObject({
        status: 401,
        body: { code: 'wrong_credentials' },
      });
      const u = await user();
      expect((await acquire(u.loginId, { pin: '9999' })).status).toBe(401);
      expect((await acquire(u.loginId)).status).toBe(201);
      expect(
        (await t.dataSource.getRepository(IbUser).findOneByOrFail({ id: u.id }))
          .failedPinAttempts,
      ).toBe(0);
    });

    it('refuses bad input with the field named, a foreign Origin and a non-JSON body', async () => {
      const u = await user();
      const bad = await ib.post('/ib/acquisitions', {
        loginId: u.loginId,
        pin: '12',
        confirmationPin: CONFIRMATION,
        csr: 'not a csr',
      });
      expect(bad.status).toBe(400);
      expect(
        bad.body.details.map((d: { field: string }) => d.field).sort(),
      ).toEqual(['csr', 'pin']);
      const foreign = await ib.post(
        '/ib/acquisitions',
        { loginId: u.loginId },
        { origin: 'https://evil.example' },
      );
      expect(foreign.status).toBe(403);
      const form = await ib.send(
        'POST',
        '/ib/acquisitions',
        `loginId=${u.loginId}`,
        { 'content-type': 'application/x-www-form-urlencoded' },
      );
      expect(form.status).toBe(415);
    });

    it('completes a reissue: refused while pending, acquired once authorized, and the request closes as completed', async () => {
      const u = await user({ currentExpiryDate: '2026-08-01' }); // past the limit: only a reissue helps
      const branch = StaffBrowser.of(t);
      await branch.login(seeded.username('branch_staff', seeded.a));
      const manager = StaffBrowser.of(t);
      await manager.login(seeded.username('manager', seeded.a));
      const created = await branch.post('/api/reissues', {
        ibUserId: u.id,
        reason: 'past_limit',
        identityCheck: '届出印の照合（電子証明書再発行依頼書）',
        formReceivedOn: '2026-12-01',
      });
      expect(created.status).toBe(201);
      const pending = await acquire(u.loginId);
      expect(pending.status).toBe(409);
      expect(pending.body.message).toContain('再発行の手続き中です');

      expect(
        (await manager.post(`/api/reissues/${created.body.id}/approve`, {}))
          .status,
      ).toBe(200);
      const acquired = await acquire(u.loginId);
      expect(acquired.status).toBe(201);
      const request = await manager.get(`/api/reissues/${created.body.id}`);
      expect(request.body).toMatchObject({
        status: 'completed',
        ibUser: { status: 'valid' },
      });
      expect(
        await t.dataSource
          .getRepository(Certificate)
          .findOneByOrFail({ pem: acquired.body.certificatePem }),
      ).toMatchObject({ issuedVia: 'acquisition', ibUserId: u.id });
      expect((await acquire(u.loginId)).status).toBe(409); // a second acquisition: the user is valid now
    });

    it('turns 50 concurrent acquisitions for one IB user into exactly one certificate', async () => {
      const u = await user();
      const csrs = await rsaCsrs(50);
      const results = await Promise.all(
        csrs.map((csr, i) =>
          // each from its own address, as the per-address limit would stop one address's burst
          ib.from(`127.0.9.${i + 1}`).post('/ib/acquisitions', {
            loginId: u.loginId,
            pin: PIN,
            confirmationPin: CONFIRMATION,
            csr,
          }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      // The rest: 409 (the user is valid now), 403 when five attempts were already in flight
      // (claimed before their PINs are checked, so no burst tries more than five pairs), or 503
      // when the hashing queue waited too long on a loaded machine.
      expect(
        statuses
          .filter((s) => s !== 201)
          .every((s) => s === 409 || s === 403 || s === 503),
      ).toBe(true);
      expect(
        await t.dataSource
          .getRepository(Certificate)
          .countBy({ ibUserId: u.id }),
      ).toBe(1);
      expect(
        await t.dataSource.getRepository(IbUser).findOneByOrFail({ id: u.id }),
      ).toMatchObject({ pinLockedAt: null, failedPinAttempts: 0 });
    }, 180_000); // up to 10 argon2id verifies (two PINs each) on two cores
  },
);
