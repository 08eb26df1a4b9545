import { ERROR_MESSAGES } from '@certdesk/contracts';
import type {
  CertificateDetail,
  RevokeCertificateResponse,
} from '@certdesk/contracts';
import { Openssl } from '@certdesk/pki/testing';
import { issuedCertificate } from '../../testing/pki';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { IbUser } from '../customers/ib-user.entity';
import type { IssueResult } from '../pki/certificate-issuance.service';
import { Certificate } from './certificate.entity';
import { auditEvent } from '../../testing/audit-events';

describeSeededApp(
  'staff certificate detail, PEM and revocation on $name',
  ({ t, seeded }) => {
    let mine: IssueResult;
    let theirs: IssueResult;
    const openssl = new Openssl();
    const issue = (cu = seeded.a) => issuedCertificate(t, openssl, cu);

    beforeAll(async () => {
      mine = await issue();
      theirs = await issue(seeded.b);
    }, 60_000);
    afterAll(() => openssl.close());

    it('shows the decoded certificate to branch staff, and audits the view', async () => {
      const res = await (
        await seeded.as('branch_staff')
      ).get(`/api/certificates/${mine.certificate.id}`);
      expect(res.status).toBe(200);
      const detail = res.body as CertificateDetail;
      expect(detail).toMatchObject({
        id: mine.certificate.id,
        serialHex: mine.certificate.serialHex,
        current: true,
        issuedVia: 'acquisition',
        revokedAt: null,
        expiryDate: '2027-12-01',
        notAfter: '2027-12-01T14:59:59.000Z',
        pem: mine.pem,
        fingerprintSha256: mine.certificate.fingerprintSha256,
        ibUser: { id: mine.certificate.ibUserId },
        customer: { contractNumber: expect.any(String) },
      });
      expect(detail.decoded).toMatchObject({
        subject: mine.certificate.subjectDn,
        issuer: `CN=${seeded.a.name} 電子証明書発行CA,O=${seeded.a.name},C=JP`,
        serialHex: mine.certificate.serialHex,
        notAfter: '2027-12-01T14:59:59.000Z',
        publicKey: { algorithm: 'rsa', bits: 2048, exponent: '65537' },
        signatureAlgorithm: 'sha256WithRSAEncryption',
        fingerprintSha256: mine.certificate.fingerprintSha256,
      });
      expect(detail.decoded?.extensions.map((e) => e.name)).toEqual([
        'basicConstraints',
        'keyUsage',
        'extKeyUsage',
        'subjectKeyIdentifier',
        'authorityKeyIdentifier',
        'cRLDistributionPoints',
      ]);
      expect(
        detail.decoded?.extensions.find((e) => e.name === 'extKeyUsage')?.value,
      ).toBe('clientAuth');
      expect(
        await t.dataSource.getRepository(AuditEvent).countBy({
          action: 'certificate.view',
          targetId: mine.certificate.id,
        }),
      ).toBe(1);
    });

    it('shows a certificate taken over from the old system without a PEM, and refuses to download one', async () => {
      const imported = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ creditUnionId: seeded.a.id, issuedVia: 'imported' });
      const browser = await seeded.as('compliance');
      expect(
        (await browser.get(`/api/certificates/${imported.id}`)).body,
      ).toMatchObject({ id: imported.id, pem: null, decoded: null });
      expect(
        await browser.get(`/api/certificates/${imported.id}/pem`),
      ).toMatchObject({
        status: 404,
        body: { message: ERROR_MESSAGES.no_pem },
      });
    });

    it('downloads the PEM as a file', async () => {
      const res = await (
        await seeded.as('branch_staff')
      ).get(`/api/certificates/${mine.certificate.id}/pem`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-pem-file/);
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(
          `^attachment; filename="pki\\d+-${mine.certificate.serialHex}\\.pem"$`,
        ),
      );
      expect(res.text).toBe(mine.pem);
      expect(
        await t.dataSource.getRepository(AuditEvent).countBy({
          action: 'certificate.download',
          targetId: mine.certificate.id,
        }),
      ).toBe(1);
    });

    it('answers 404 for another credit union’s certificate and for ids that are not ids', async () => {
      const manager = await seeded.as('manager');
      for (const path of [
        `/api/certificates/${theirs.certificate.id}`,
        `/api/certificates/${theirs.certificate.id}/pem`,
        '/api/certificates/not-a-uuid',
      ]) {
        expect([path, (await manager.get(path)).status]).toEqual([path, 404]);
      }
      const res = await manager.post(
        `/api/certificates/${theirs.certificate.id}/revoke`,
        { reason: 'keyCompromise' },
      );
      expect(res.status).toBe(404);
      expect(
        (
          await t.dataSource
            .getRepository(Certificate)
            .findOneByOrFail({ id: theirs.certificate.id })
        ).revokedAt,
      ).toBeNull();
    });

    it('lets a manager revoke (200, audited with the staff member and comment) but not branch staff (403)', async () => {
      const url = `/api/certificates/${mine.certificate.id}/revoke`;
      const clerk = await (
        await seeded.as('branch_staff')
      ).post(url, { reason: 'keyCompromise' });
      expect(clerk.status).toBe(403);
      const manager = await seeded.as('manager');
      expect((await manager.post(url, { reason: 'cACompromise' })).status).toBe(
        400,
      );
      expect(
        (
          await manager.post(url, {
            reason: 'keyCompromise',
            comment: 'x'.repeat(501),
          })
        ).status,
      ).toBe(400);
      const res = await manager.post(url, {
        reason: 'keyCompromise',
        comment: '  お客さまからPC紛失の連絡  ',
      });
      expect(res.status).toBe(200);
      const body = res.body as RevokeCertificateResponse;
      expect(body).toMatchObject({
        alreadyRevoked: false,
        certificate: {
          id: mine.certificate.id,
          revocationReason: 'keyCompromise',
          revokedAt: t.clock.now().toISOString(),
        },
      });
      expect(
        await t.dataSource
          .getRepository(IbUser)
          .findOneByOrFail({ id: mine.certificate.ibUserId }),
      ).toMatchObject({ currentRevoked: true });
      const audit = await auditEvent(
        t,
        'certificate.revoke',
        mine.certificate.id,
      );
      expect(audit).toMatchObject({
        actorType: 'staff',
        actorName: 'manager-1001',
        outcome: 'success',
        creditUnionId: seeded.a.id,
      });
      expect(JSON.parse(audit.details)).toMatchObject({
        reason: 'keyCompromise',
        comment: 'お客さまからPC紛失の連絡',
      });

      const again = await manager.post(url, { reason: 'affiliationChanged' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        alreadyRevoked: true,
        certificate: { revocationReason: 'keyCompromise' },
      });
    });
  },
);
