import { IB_SUPERSEDED_MESSAGE } from '@certdesk/domain';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient, IbIdentity } from '../../testing/ib-client';
import { customerWithCertificate } from '../../testing/ib-customer';
import { StaffBrowser } from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { Certificate } from '../certificates/certificate.entity';
import { IbUser } from '../customers/ib-user.entity';
import { IbUserRepository } from '../customers/ib-user.repository';
import { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { CertificateRevocationService } from '../pki/certificate-revocation.service';
import { CrlService } from '../pki/crl.service';

/** A renewal must not strand the customer (issue 15): the old certificate logs on until the new one has. */
describeSeededApp(
  'IB channel: the overlap after a renewal on $name',
  { ibChannel: true },
  ({ t, seeded }) => {
    let ib: IbClient;
    const openssl = new Openssl();
    const acquiredAt = new Date('2026-12-01T09:00:00+09:00'); // E = 2027-12-01
    const insideWindow = new Date('2027-11-21T10:05:00+09:00'); // E − 10

    type Customer = IbIdentity & { loginId: string; ibUserId: string };

    /** 更新前処理 then 発行処理 with a fresh key, presenting `from`; the new certificate's holder. */
    async function renew(from: IbIdentity): Promise<IbIdentity> {
      const session = await ib.as(from).post('/ib/renewals', {});
      expect(session.status).toBe(201);
      const fresh = openssl.newKeyRequest(2048);
      const issued = await ib
        .as(from)
        .post(`/ib/renewals/${session.body.id}/csr`, { csr: fresh.csrPem });
      expect(issued.status).toBe(201);
      return { keyPem: fresh.keyPem, certPem: issued.body.certificatePem };
    }

    const row = (who: IbIdentity) =>
      t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ pem: who.certPem });

    /** The serials on the credit union's current CRL (upper-case hex, as openssl prints them). */
    async function crlText(code: string): Promise<string> {
      const der = await t.app.get(CrlService).currentByCode(code);
      const caPem = await t.app
        .get(CertificateAuthorityService)
        .certificatePemByCode(code);
      return openssl.crl(der as Buffer, caPem ?? '').stdout;
    }

    async function staffLabel(who: Customer): Promise<unknown> {
      const user = await t.dataSource
        .getRepository(IbUser)
        .findOneByOrFail({ id: who.ibUserId });
      const staff = StaffBrowser.of(t);
      await staff.login(seeded.username('branch_staff', seeded.a));
      const detail = await staff.get(`/api/customers/${user.customerId}`);
      expect(detail.status).toBe(200);
      return detail.body.ibUsers.find(
        (u: { loginId: string }) => u.loginId === who.loginId,
      ).newCertificate;
    }

    beforeAll(() => {
      ib = new IbClient(t);
    });
    beforeEach(() => t.clock.set(acquiredAt));
    afterAll(() => openssl.close());

    it('renew; the old certificate still logs on; the new one logs on once (⑩) and the old one is refused and on the CRL', async () => {
      const old = await customerWithCertificate(t, ib, openssl, seeded.a);
      t.clock.set(insideWindow);
      const next = await renew(old);

      const onOld = await ib.as(old).get('/ib/me');
      expect(onOld).toMatchObject({
        status: 200,
        body: {
          newest: false,
          status: 'renewal_due',
          certificate: { expiryDate: '2027-12-01' },
          newerCertificate: {
            expiryDate: '2028-11-21',
            issuedAt: '2027-11-21T01:05:00.000Z',
          },
          renewalConfirmed: false,
        },
      });
      expect((await row(old)).revokedAt).toBeNull();
      expect(await staffLabel(old)).toMatchObject({
        firstLogonAt: null,
        label:
          '未使用（更新前の電子証明書で2027年12月1日(水)までログオンできます）',
      });

      t.clock.advance(60 * 60_000); // 11:05 JST
      // Several tabs at once: the first log-on is recorded once, the old one retired once.
      const burst = await Promise.all(
        Array.from({ length: 8 }, () => ib.as(next).get('/ib/me')),
      );
      expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(burst[0].body).toMatchObject({
        newest: true,
        status: 'valid',
        newerCertificate: null,
        renewalConfirmed: true,
      });
      const renewed = await row(next);
      expect(renewed.firstLogonAt?.toISOString()).toBe(
        '2027-11-21T02:05:00.000Z',
      );
      const retired = await row(old);
      expect(retired).toMatchObject({ revocationReason: 'superseded' });
      const audit = t.dataSource.getRepository(AuditEvent);
      expect(
        await audit.countBy({
          action: 'ib.certificate.first_logon',
          targetId: renewed.id,
        }),
      ).toBe(1);
      expect(
        await audit.countBy({
          action: 'certificate.revoke',
          targetId: retired.id,
        }),
      ).toBe(1);
      expect(await crlText('1001')).toContain(
        `Serial Number: ${retired.serialHex.toUpperCase()}`,
      );

      expect(await ib.as(old).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'superseded', message: IB_SUPERSEDED_MESSAGE },
      });
      expect(await staffLabel(old)).toMatchObject({
        label: '使用開始 2027年11月21日(日) 11:05',
      });
      t.clock.advance(24 * 60 * 60_000); // the next day: no congratulation any more
      expect((await ib.as(next).get('/ib/me')).body.renewalConfirmed).toBe(
        false,
      );
    });

    it('renews again with the old certificate while the new one is unused: that one is superseded, the newest logs on', async () => {
      const old = await customerWithCertificate(t, ib, openssl, seeded.a);
      t.clock.set(insideWindow);
      const lost = await renew(old); // e.g. the file was lost before it was imported
      const again = await renew(old);

      const lostRow = await row(lost);
      expect(lostRow).toMatchObject({ revocationReason: 'superseded' });
      expect(await ib.as(lost).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'superseded' },
      });
      expect(await crlText('1001')).toContain(
        `Serial Number: ${lostRow.serialHex.toUpperCase()}`,
      );
      // The superseded one cannot open a renewal either.
      expect((await ib.as(lost).post('/ib/renewals', {})).status).toBe(403);

      const againRow = await row(again);
      expect(againRow.renewedFromId).toBe((await row(old)).id);
      expect((await ib.as(old).get('/ib/me')).body).toMatchObject({
        newest: false,
        newerCertificate: { serialHex: againRow.serialHex },
      });

      expect((await ib.as(again).get('/ib/me')).status).toBe(200);
      expect(await ib.as(old).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'superseded' },
      });
      expect((await ib.as(old).post('/ib/renewals', {})).status).toBe(403);
      expect(
        await t.dataSource
          .getRepository(Certificate)
          .countBy({ ibUserId: old.ibUserId }),
      ).toBe(3);
    });

    it('a renewal that completes while a log-on with the old certificate is being resolved does not refuse it', async () => {
      const old = await customerWithCertificate(t, ib, openssl, seeded.a);
      t.clock.set(insideWindow);
      await renew(old);
      // The soak found it: between reading the IB user (current: the first renewal) and reading that
      // certificate, a second renewal from the same old certificate committed and revoked the first one.
      const ibUsers = t.app.get(IbUserRepository);
      const customerOf = ibUsers.customerOf.bind(ibUsers);
      let again: IbIdentity | undefined;
      const spy = jest
        .spyOn(ibUsers, 'customerOf')
        .mockImplementationOnce(async (user) => {
          again = await renew(old);
          return customerOf(user);
        });
      try {
        expect(await ib.as(old).get('/ib/me')).toMatchObject({
          status: 200,
          body: { newest: false },
        });
      } finally {
        spy.mockRestore();
      }
      expect(again).toBeDefined();
      expect((await ib.as(old).get('/ib/me')).body).toMatchObject({
        newest: false,
        newerCertificate: {
          serialHex: (await row(again as IbIdentity)).serialHex,
        },
      });
    });

    it('the old certificate logs on through 23:59:59 JST of its own expiry date; at 00:00 it is retired, and the sweep retires one never presented', async () => {
      const presented = await customerWithCertificate(t, ib, openssl, seeded.a);
      const forgotten = await customerWithCertificate(t, ib, openssl, seeded.a);
      t.clock.set(insideWindow);
      const presentedNext = await renew(presented);
      await renew(forgotten);

      t.clock.set(new Date('2027-12-01T23:59:59+09:00'));
      expect((await ib.as(presented).get('/ib/me')).body).toMatchObject({
        newest: false,
        daysLeft: 0,
      });
      t.clock.set(new Date('2027-12-02T00:00:00+09:00'));
      expect(await ib.as(presented).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'superseded' },
      });
      expect((await row(presented)).revocationReason).toBe('superseded');

      expect((await row(forgotten)).revokedAt).toBeNull();
      await t.app.get(CertificateRevocationService).retireExpiredReplaced();
      const swept = await row(forgotten);
      expect(swept.revocationReason).toBe('superseded');
      // Past its notAfter it is no longer listed (a CRL lists unexpired certificates only); the revocation is audited.
      expect(
        await t.dataSource.getRepository(AuditEvent).countBy({
          action: 'certificate.revoke',
          targetId: swept.id,
          actorType: 'system',
        }),
      ).toBe(1);
      expect(
        await t.app.get(CertificateRevocationService).retireExpiredReplaced(),
      ).toBe(0); // nothing left to retire

      expect((await ib.as(presentedNext).get('/ib/me')).body).toMatchObject({
        newest: true,
        status: 'valid',
      });
    });

    it('E−31: no notice and no renewal (409); E−30: the notice and a session; /ib/me 200 at 23:59:59 JST on E, refused at 00:00 on E+1', async () => {
      const me = await customerWithCertificate(t, ib, openssl, seeded.a); // E = 2027-12-01
      t.clock.set(new Date('2027-10-31T23:59:59+09:00')); // E − 31
      expect((await ib.as(me).get('/ib/notices')).body).toEqual([]);
      expect(await ib.as(me).post('/ib/renewals', {})).toMatchObject({
        status: 409,
        body: { code: 'outside_renewal_window' },
      });
      t.clock.set(new Date('2027-11-01T00:00:00+09:00')); // E − 30
      const notices = await ib.as(me).get('/ib/notices');
      expect(notices.body).toHaveLength(1);
      expect(notices.body[0].html).toContain('電子証明書の更新はこちら');
      expect((await ib.as(me).post('/ib/renewals', {})).status).toBe(201);

      t.clock.set(new Date('2027-12-01T23:59:59+09:00')); // E, the last second
      expect(await ib.as(me).get('/ib/me')).toMatchObject({
        status: 200,
        body: { status: 'renewal_due', daysLeft: 0 },
      });
      t.clock.set(new Date('2027-12-02T00:00:00+09:00')); // E + 1
      expect(await ib.as(me).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'expired' },
      });
    });
  },
);
