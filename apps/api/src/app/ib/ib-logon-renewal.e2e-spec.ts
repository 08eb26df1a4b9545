import request from 'supertest';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient } from '../../testing/ib-client';
import {
  customerWithCertificate,
  foreignIdentity,
} from '../../testing/ib-customer';
import { StaffBrowser } from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import { Certificate } from '../certificates/certificate.entity';
import { CertificateRevocationService } from '../pki/certificate-revocation.service';
import { IbRenewalSession } from './ib-renewal-session.entity';

const DAY = 86_400_000;

describeSeededApp(
  'IB channel: certificate log-on and renewal on $name',
  { ibChannel: true, ibPortal: true },
  ({ t, seeded }) => {
    let ib: IbClient;
    const openssl = new Openssl();
    const start = new Date('2026-12-01T09:00:00+09:00');

    beforeAll(() => {
      ib = new IbClient(t);
    });
    beforeEach(() => t.clock.set(start));
    afterAll(() => openssl.close());

    it('logs on with an issued certificate; refuses none, a foreign one, and one past its expiry on the business clock', async () => {
      const me = await customerWithCertificate(t, ib, openssl, seeded.a);
      expect((await ib.as(me).get('/ib/me')).body).toMatchObject({
        ibUser: { loginId: me.loginId },
        status: 'valid',
      });
      expect(await ib.as(null).get('/ib/me')).toMatchObject({
        status: 401,
        body: { code: 'no_certificate' },
      });

      expect(await ib.as(foreignIdentity(openssl)).get('/ib/me')).toMatchObject(
        { status: 401, body: { code: 'unknown_certificate' } },
      );

      t.clock.set(new Date(start.getTime() + 366 * DAY)); // 2027-12-02 JST: the day after expiry
      const expired = await ib.as(me).get('/ib/me');
      expect(expired).toMatchObject({ status: 403, body: { code: 'expired' } });
      expect(expired.body.message).toContain('「電子証明書取得」');
      expect(expired.body.message).toContain('2028年2月29日(火)まで');
      t.clock.set(new Date(start.getTime() + (365 + 91) * DAY));
      expect((await ib.as(me).get('/ib/me')).body.code).toBe(
        'reissue_required',
      );
    });

    it('refuses a revoked certificate', async () => {
      const me = await customerWithCertificate(t, ib, openssl, seeded.a);
      const cert = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ pem: me.certPem });
      await t.app
        .get(CertificateRevocationService)
        .revoke(cert.id, 'keyCompromise', { actorType: 'system' });
      expect(await ib.as(me).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'revoked' },
      });
    });

    it('shows the renewal notice inside the window, renews once with a new key, and the old certificate stops working once the new one logs on', async () => {
      const me = await customerWithCertificate(t, ib, openssl, seeded.a);
      expect((await ib.as(me).get('/ib/notices')).body).toEqual([]);
      expect(await ib.as(me).get('/ib/certificate')).toMatchObject({
        status: 404,
        body: { code: 'not_media_storage' },
      });
      expect((await ib.as(me).post('/ib/renewals', {})).status).toBe(409); // valid: outside the window
      expect(
        await t.dataSource.getRepository(IbRenewalSession).countBy({}),
      ).toBe(0);

      t.clock.set(new Date(start.getTime() + 355 * DAY)); // 2027-11-21: 10 days left
      const notices = await ib.as(me).get('/ib/notices');
      expect(notices.body).toHaveLength(1);
      expect(notices.body[0].title).toContain('電子証明書の更新をお願いします');
      expect(notices.body[0].html).toContain('電子証明書の更新はこちら');
      expect(notices.body[0].html).toContain('href="/renewal"');

      const session = await ib.as(me).post('/ib/renewals', {});
      expect(session).toMatchObject({
        status: 201,
        body: { action: 'update', actionLabel: '更新' },
      });
      const issuedTo = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ pem: me.certPem });
      const refused = await ib
        .as(me)
        .post(`/ib/renewals/${session.body.id}/csr`, {
          csr: openssl.request({ key: 'ec' }).csrPem,
        });
      expect(refused.status).toBe(400); // the refused request leaves the session usable
      const fresh = openssl.newKeyRequest(2048);
      const renewed = await ib
        .as(me)
        .post(`/ib/renewals/${session.body.id}/csr`, { csr: fresh.csrPem });
      expect(renewed).toMatchObject({
        status: 201,
        body: { via: 'renewal', expiryDate: '2028-11-21' },
      });
      const next = {
        keyPem: fresh.keyPem,
        certPem: renewed.body.certificatePem,
      };
      const reused = await ib
        .as(next)
        .post(`/ib/renewals/${session.body.id}/csr`, {
          csr: openssl.newKeyRequest(2048).csrPem,
        });
      expect(reused).toMatchObject({
        status: 409,
        body: { code: 'renewal_session_used' },
      });
      expect(
        await t.dataSource
          .getRepository(Certificate)
          .countBy({ ibUserId: issuedTo.ibUserId }),
      ).toBe(2);
      expect((await ib.as(next).get('/ib/me')).body).toMatchObject({
        status: 'valid',
        certificate: { expiryDate: '2028-11-21' },
      });
      // The new certificate has logged on: the old one is retired (ib-renewal-overlap.e2e-spec.ts has the overlap).
      expect(await ib.as(me).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'superseded' },
      });
      expect(
        (
          await t.dataSource
            .getRepository(Certificate)
            .findOneByOrFail({ pem: me.certPem })
        ).revocationReason,
      ).toBe('superseded');
    });

    it('labels the action 「パソコンに保存する」 under media storage, and a session expires after 10 minutes', async () => {
      const me = await customerWithCertificate(t, ib, openssl, seeded.b); // 1002 uses media storage
      t.clock.set(new Date(start.getTime() + 340 * DAY));
      const session = await ib.as(me).post('/ib/renewals', {});
      expect(session.body).toMatchObject({
        action: 'save_to_pc',
        actionLabel: 'パソコンに保存する',
      });
      const stored = await ib.as(me).get('/ib/certificate'); // kept retrievable under media storage
      expect(stored).toMatchObject({
        status: 200,
        body: { certificatePem: me.certPem, expiryDate: '2027-12-01' },
      });
      t.clock.advance(10 * 60_000 + 1);
      const late = await ib.as(me).post(`/ib/renewals/${session.body.id}/csr`, {
        csr: openssl.newKeyRequest(2048).csrPem,
      });
      expect(late).toMatchObject({
        status: 409,
        body: { code: 'renewal_session_expired' },
      });
      expect((await ib.as(me).get('/ib/me')).body.certificate.expiryDate).toBe(
        '2027-12-01',
      );
    });

    it('keeps the channels apart: no /ib route over the staff listener, no /api on the IB listener, no staff session on /ib', async () => {
      const staff = StaffBrowser.of(t);
      await staff.login(seeded.username('manager', seeded.a));
      const overStaffListener = await staff.get('/ib/me');
      expect(overStaffListener.status).toBe(401);
      expect(overStaffListener.body.code).toBe('not_ib_channel');
      const acquisitionOverHttp = await request(t.app.getHttpServer())
        .post('/ib/acquisitions')
        .send({});
      expect(acquisitionOverHttp.status).toBe(401);
      expect((await ib.get('/api/health')).status).toBe(404);
      expect(
        (await ib.get('/api/health', { accept: 'text/html' })).status,
      ).toBe(404); // not even the portal's page shell
      const shell = await ib.get('/renewal', { accept: 'text/html' }); // the portal's client routes get its index.html
      expect(shell.status).toBe(200);
      expect(shell.body).toContain('法人インターネットバンキング');
      expect(shell.headers['content-security-policy']).toContain(
        "script-src 'self'",
      );
      expect(
        (
          await ib.get('/ib/me', {
            cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          })
        ).status,
      ).toBe(401);
      expect((await ib.get('/ib/ca/1001.pem')).status).toBe(200); // the public PKI routes stay open
    });
  },
);
