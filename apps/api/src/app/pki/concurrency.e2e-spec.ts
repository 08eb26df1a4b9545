import { HttpException } from '@nestjs/common';
import { Openssl } from '@certdesk/pki/testing';
import { addIbUser, caCertificatePem, rsaCsrs } from '../../testing/pki';
import { describeSeededApp } from '../../testing/describe-app';
import { Certificate } from '../certificates/certificate.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { IbUser } from '../customers/ib-user.entity';
import { CertificateAuthorityService } from './certificate-authority.service';
import {
  CertificateIssuanceService,
  IssueRequest,
} from './certificate-issuance.service';
import { CrlService } from './crl.service';

const CALLS = 50;
/** The keys are the slow part: made once for every database. */
let keys: Promise<string[]> | undefined;

describeSeededApp(
  '50 concurrent issuances for one IB user on $name',
  ({ t, seeded }) => {
    let issuance: CertificateIssuanceService;
    let csrs: string[];
    const openssl = new Openssl();

    beforeAll(async () => {
      issuance = t.app.get(CertificateIssuanceService);
      await t.app.get(CertificateAuthorityService).forCreditUnion(seeded.a.id);
      csrs = await (keys ??= rsaCsrs(2 * CALLS));
    }, 120_000);
    afterAll(() => openssl.close());

    /** Fires every call at once; each either succeeds or is refused with an HTTP error (never anything else). */
    async function race(
      ibUserId: string,
      via: IssueRequest['via'],
      requests: string[],
    ) {
      const settled = await Promise.allSettled(
        requests.map((csrPem) => issuance.issue({ ibUserId, csrPem, via })),
      );
      const failures = settled.flatMap((s) =>
        s.status === 'rejected' ? [s.reason as unknown] : [],
      );
      expect(
        failures.filter(
          (f) => !(f instanceof HttpException && f.getStatus() === 409),
        ),
      ).toEqual([]);
      return settled.flatMap((s) =>
        s.status === 'fulfilled' ? [s.value] : [],
      );
    }

    async function expectOneCurrent(ibUserId: string, overlap = 0) {
      const certificates = await t.dataSource
        .getRepository(Certificate)
        .findBy({ ibUserId });
      const unrevoked = certificates.filter((c) => c.revokedAt === null);
      expect(unrevoked).toHaveLength(1 + overlap); // + the one a renewal replaced, until the new one logs on
      const user = await t.dataSource
        .getRepository(IbUser)
        .findOneByOrFail({ id: ibUserId });
      const current = unrevoked.find((c) => c.id === user.currentCertificateId);
      expect(user).toMatchObject({
        currentExpiryDate: current?.expiryDate,
        currentRevoked: false,
      });
      expect(unrevoked.filter((c) => c !== current).map((c) => c.id)).toEqual(
        overlap ? [current?.renewedFromId] : [],
      );
      expect(new Set(certificates.map((c) => c.serialHex)).size).toBe(
        certificates.length,
      );
      expect(certificates.every((c) => c.pem !== null)).toBe(true);
      return certificates;
    }

    it('acquisition: exactly one certificate, the other 49 refused cleanly', async () => {
      const user = await addIbUser(t, seeded.a);
      const issued = await race(user.id, 'acquisition', csrs.slice(0, CALLS));
      expect(issued).toHaveLength(1);
      expect(await expectOneCurrent(user.id)).toHaveLength(1);
    }, 120_000);

    it('renewal with an always-open window: all 50 issued in turn, 48 superseded, one current and the one it renewed, unique serials, all on the CRL', async () => {
      await t.dataSource
        .getRepository(CreditUnion)
        .update({ id: seeded.a.id }, { renewalWindowDays: 400 });
      const user = await addIbUser(t, seeded.a, {
        currentExpiryDate: '2026-12-20',
      });
      const issued = await race(user.id, 'renewal', csrs.slice(CALLS));
      expect(issued).toHaveLength(CALLS);
      const certificates = await expectOneCurrent(user.id, 1);
      expect(certificates).toHaveLength(CALLS);
      const superseded = certificates.filter(
        (c) => c.revocationReason === 'superseded',
      );
      expect(superseded).toHaveLength(CALLS - 2);
      const crl = (await t.app.get(CrlService).currentByCode('1001')) as Buffer;
      const caPem = await caCertificatePem(t);
      const listed = openssl.crl(crl, caPem);
      expect(listed.stderr + listed.stdout).toContain('verify OK');
      for (const c of superseded)
        expect(listed.stdout).toContain(
          `Serial Number: ${c.serialHex.toUpperCase()}`,
        );
      await t.dataSource
        .getRepository(CreditUnion)
        .update({ id: seeded.a.id }, { renewalWindowDays: 30 });
    }, 120_000);
  },
);
