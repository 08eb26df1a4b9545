import request from 'supertest';
import type { App } from 'supertest/types';
import { Openssl } from '@certdesk/pki/testing';
import { ibUserRow, issuedCertificate } from '../../testing/pki';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { Certificate } from '../certificates/certificate.entity';
import { CertificateAuthority } from './certificate-authority.entity';
import { CertificateRevocationService } from './certificate-revocation.service';
import { CrlService } from './crl.service';
import { auditEvent } from '../../testing/audit-events';

const SYSTEM = {
  actorType: 'system' as const,
  actorId: null,
  actorName: 'test',
};

describeSeededApp(
  'revocation and the public CA/CRL routes on $name',
  ({ t, seeded }) => {
    let revocation: CertificateRevocationService;
    const openssl = new Openssl();
    const http = () => request(t.app.getHttpServer() as App);
    const fetchCrl = async (code = '1001') => {
      const res = await http()
        .get(`/ib/crl/${code}.crl`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      return { res, der: res.body as Buffer };
    };
    const caPem = async (code = '1001') =>
      (await http().get(`/ib/ca/${code}.pem`)).text;

    const issued = (cu = seeded.a) => issuedCertificate(t, openssl, cu);

    beforeAll(() => {
      revocation = t.app.get(CertificateRevocationService);
    });
    afterAll(() => openssl.close());

    it('serves each credit union’s CA certificate and CRL to anyone, 404 for an unknown code', async () => {
      const ca = await http().get('/ib/ca/1001.pem');
      expect(ca.status).toBe(200);
      expect(ca.headers['content-type']).toMatch(/^application\/x-pem-file/);
      expect(openssl.x509Text(ca.text)).toContain(
        `CN=${seeded.a.name} 電子証明書発行CA`,
      );
      expect(await caPem('1002')).not.toBe(ca.text);
      const { res, der } = await fetchCrl();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pkix-crl');
      const listed = openssl.crl(der, ca.text);
      expect(listed.stderr + listed.stdout).toContain('verify OK');
      expect(listed.stdout).toContain('No Revoked Certificates.');
      for (const path of [
        '/ib/crl/9999.crl',
        '/ib/ca/9999.pem',
        '/ib/crl/abcd.crl',
        '/ib/ca/1001.crl',
        '/ib/crl/1001.pem',
      ]) {
        expect([path, (await http().get(path)).status]).toEqual([path, 404]);
      }
    });

    it('revokes with an RFC 5280 reason: mirror, audit, and a new CRL that openssl verifies and that lists it', async () => {
      const { user, certificate, pem } = await issued();
      const crlBefore = await t.dataSource
        .getRepository(CertificateAuthority)
        .findOneByOrFail({ creditUnionId: seeded.a.id });
      const result = await revocation.revoke(
        certificate.id,
        'keyCompromise',
        SYSTEM,
        { comment: 'PC紛失' },
      );
      expect(result.alreadyRevoked).toBe(false);
      expect(result.certificate.revokedAt?.toISOString()).toBe(
        t.clock.now().toISOString(),
      );
      expect(await ibUserRow(t, user.id)).toMatchObject({
        currentCertificateId: certificate.id,
        currentRevoked: true,
      });
      const ca = await t.dataSource
        .getRepository(CertificateAuthority)
        .findOneByOrFail({ creditUnionId: seeded.a.id });
      expect(ca).toMatchObject({
        crlNumber: crlBefore.crlNumber + 1,
        revocationCount: crlBefore.revocationCount + 1,
        crlRevocationCount: crlBefore.revocationCount + 1,
      });

      const { der } = await fetchCrl();
      const listed = openssl.crl(der, await caPem());
      expect(listed.stderr + listed.stdout).toContain('verify OK');
      expect(listed.stdout).toMatch(
        new RegExp(
          `Serial Number: ${certificate.serialHex.toUpperCase()}\\s+Revocation Date: Dec  1 00:00:00 2026 GMT\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`,
        ),
      );
      expect(listed.stdout).toMatch(
        new RegExp(`X509v3 CRL Number:\\s+${ca.crlNumber}\\n`),
      );
      const check = openssl.verify(await caPem(), pem, {
        at: t.clock.now(),
        crlDer: der,
      });
      expect(check.stdout + check.stderr).toContain('certificate revoked');

      const audit = await auditEvent(t, 'certificate.revoke', certificate.id);
      expect(audit).toMatchObject({
        outcome: 'success',
        actorType: 'system',
        creditUnionId: seeded.a.id,
      });
      expect(JSON.parse(audit.details)).toMatchObject({
        reason: 'keyCompromise',
        comment: 'PC紛失',
        serialHex: certificate.serialHex,
      });
      expect(
        await t.dataSource
          .getRepository(AuditEvent)
          .countBy({ action: 'crl.publish', creditUnionId: seeded.a.id }),
      ).toBeGreaterThanOrEqual(2);
    });

    it('keeps the first revocation: a second one, later or at the same time, changes nothing', async () => {
      const { certificate } = await issued();
      const [a, b] = await Promise.all([
        revocation.revoke(certificate.id, 'affiliationChanged', SYSTEM),
        revocation.revoke(certificate.id, 'privilegeWithdrawn', SYSTEM),
      ]);
      expect([a.alreadyRevoked, b.alreadyRevoked].sort()).toEqual([
        false,
        true,
      ]);
      const first = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ id: certificate.id });
      const start = t.clock.now();
      t.clock.advance(3_600_000);
      try {
        const again = await revocation.revoke(
          certificate.id,
          'cessationOfOperation',
          SYSTEM,
        );
        expect(again.alreadyRevoked).toBe(true);
        expect(again.certificate.revokedAt?.toISOString()).toBe(
          start.toISOString(),
        );
        expect(again.certificate.revocationReason).toBe(first.revocationReason);
        expect(
          await t.dataSource
            .getRepository(Certificate)
            .findOneByOrFail({ id: certificate.id }),
        ).toEqual(first);
        const attempts = await t.dataSource.getRepository(AuditEvent).find({
          where: { action: 'certificate.revoke', targetId: certificate.id },
          order: { seq: 'ASC' },
        });
        expect(attempts.map((e) => e.outcome)).toEqual([
          'success',
          'failure',
          'failure',
        ]);
      } finally {
        t.clock.set(start);
      }
    });

    it('revokes every unrevoked certificate of an IB user at once (reissue approval)', async () => {
      const { user, certificate } = await issued();
      const done = await revocation.revokeAllOf(
        user.id,
        'keyCompromise',
        SYSTEM,
      );
      expect(done.map((c) => c.id)).toEqual([certificate.id]);
      expect(
        await revocation.revokeAllOf(user.id, 'keyCompromise', SYSTEM),
      ).toEqual([]);
    });

    it('publishes a new CRL on schedule: stale, missing, or a day old', async () => {
      const crl = t.app.get(CrlService);
      // 1002's CA exists (its certificate was fetched) but has published no CRL yet.
      expect(await crl.publishDue()).toEqual([seeded.b.id]);
      expect(await crl.publishDue()).toEqual([]);
      const start = t.clock.now();
      t.clock.advance(24 * 3_600_000);
      try {
        expect((await crl.publishDue()).sort()).toEqual(
          [seeded.a.id, seeded.b.id].sort(),
        );
        expect(await crl.publishDue()).toEqual([]);
      } finally {
        t.clock.set(start);
      }
    });
  },
);
