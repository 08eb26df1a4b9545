import { ERROR_MESSAGES } from '@certdesk/contracts';
import { HttpException } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { Openssl, tamperSignature } from '@certdesk/pki/testing';
import { addIbUser, caCertificatePem, ibUserRow } from '../../testing/pki';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { Certificate } from '../certificates/certificate.entity';
import { IbUser } from '../customers/ib-user.entity';
import { IbLogonService } from '../ib/ib-logon.service';
import {
  CertificateIssuanceService,
  IssueRequest,
} from './certificate-issuance.service';
import { CrlService } from './crl.service';
import { auditEvent } from '../../testing/audit-events';

/** The HTTP answer a refusal would give: status, message and the reasons in `details`. */
async function refusal(
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; reasons: string[] }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpException))
    throw new Error(`expected a refusal, got ${String(error)}`);
  const body = error.getResponse() as
    { message: string; details?: { reason: string }[] } | string;
  return typeof body === 'string'
    ? { status: error.getStatus(), message: body, reasons: [] }
    : {
        status: error.getStatus(),
        message: body.message,
        reasons: (body.details ?? []).map((d) => d.reason),
      };
}

describeSeededApp('certificate issuance on $name', ({ t, seeded }) => {
  let issuance: CertificateIssuanceService;
  let caPem: string;
  const openssl = new Openssl();
  const issue = (
    request: Partial<IssueRequest> & Pick<IssueRequest, 'ibUserId' | 'csrPem'>,
  ) => issuance.issue({ via: 'acquisition', ...request });
  const rows = () => t.dataSource.getRepository(Certificate).count();

  beforeAll(async () => {
    issuance = t.app.get(CertificateIssuanceService);
    caPem = await caCertificatePem(t);
  }, 60_000);
  afterAll(() => openssl.close());

  it.each([2048, 3072])(
    'issues from an RSA-%i request made by openssl, and openssl verifies the result',
    async (bits) => {
      const user = await addIbUser(t, seeded.a);
      const { certificate, pem } = await issue({
        ibUserId: user.id,
        csrPem: openssl.newKeyRequest(bits).csrPem,
      });
      expect(openssl.verify(caPem, pem, { at: t.clock.now() }).stdout).toMatch(
        /: OK\n$/,
      );
      const text = openssl.x509Text(pem);
      expect(text).toMatch(
        /X509v3 Extended Key Usage:\s+TLS Web Client Authentication/,
      );
      expect(text).toMatch(
        /X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment/,
      );
      expect(text).toContain(`Public-Key: (${bits} bit)`);
      expect(text).toContain('Not After : Dec  1 14:59:59 2027 GMT'); // issued 2026-12-01 JST, validity 1 year
      expect(text).toContain(`URI:http://localhost:3000/ib/crl/1001.crl`);
      expect(text).toContain(`Subject: C=JP, O=${seeded.a.name}, OU=`);
      expect(text).toContain(`CN=${user.loginId}`);
      const serial = openssl
        .ok(['x509', '-in', openssl.file('c.pem', pem), '-noout', '-serial'])
        .trim()
        .slice('serial='.length);
      expect(serial.toLowerCase()).toBe(certificate.serialHex);
      expect(serial.length / 2).toBeLessThanOrEqual(20);

      const stored = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ id: certificate.id });
      expect(stored).toMatchObject({
        pem,
        expiryDate: '2027-12-01',
        issuedVia: 'acquisition',
        revokedAt: null,
        fingerprintSha256: certificate.fingerprintSha256,
      });
      expect(stored.notAfter.toISOString()).toBe('2027-12-01T14:59:59.000Z');
      expect(await ibUserRow(t, user.id)).toMatchObject({
        currentCertificateId: certificate.id,
        currentExpiryDate: '2027-12-01',
        currentRevoked: false,
        reissueState: null,
      });
      const audit = await auditEvent(t, 'certificate.issue', certificate.id);
      expect(audit).toMatchObject({
        actorType: 'ib_user',
        actorId: user.id,
        actorName: user.loginId,
        creditUnionId: seeded.a.id,
        outcome: 'success',
      });
      expect(audit.details).not.toContain('PRIVATE KEY');
    },
  );

  it.each([
    [
      'RSA 1024',
      () => openssl.request({ bits: 1024 }).csrPem,
      /鍵長が1024ビットです/,
    ],
    [
      'EC P-256',
      () => openssl.request({ key: 'ec' }).csrPem,
      /鍵の種類が楕円曲線（EC）です/,
    ],
    [
      'exponent 3',
      () => openssl.request({ exponent: 3 }).csrPem,
      /公開指数が3です/,
    ],
    [
      'a tampered signature',
      () => tamperSignature(openssl.request().csrPem),
      /署名を検証できません/,
    ],
  ])(
    'refuses %s with the reason (400) and writes nothing',
    async (_name, make, reason) => {
      const user = await addIbUser(t, seeded.a);
      const before = await rows();
      const answer = await refusal(
        issue({ ibUserId: user.id, csrPem: make() }),
      );
      expect(answer.status).toBe(400);
      expect(answer.message).toMatch(
        /証明書発行要求（CSR）を受け付けられません/,
      );
      expect(answer.reasons).toEqual([expect.stringMatching(reason)]);
      expect(await rows()).toBe(before);
    },
  );

  it('refuses a key that was certified before (409), for anyone of the credit union', async () => {
    const { csrPem, keyPem } = openssl.newKeyRequest(2048);
    const first = await addIbUser(t, seeded.a);
    await issue({ ibUserId: first.id, csrPem });
    const other = await addIbUser(t, seeded.a);
    // Same key, new request (different subject, new signature).
    const again = openssl.ok([
      'req',
      '-new',
      '-key',
      openssl.file('k.pem', keyPem),
      '-subj',
      '/CN=another',
    ]);
    const before = await rows();
    expect(
      await refusal(issue({ ibUserId: other.id, csrPem: again })),
    ).toMatchObject({ status: 409, message: ERROR_MESSAGES.key_reused });
    expect(
      await refusal(issue({ ibUserId: first.id, csrPem, via: 'renewal' })),
    ).toMatchObject({ status: 409 });
    expect(await rows()).toBe(before);
    expect((await ibUserRow(t, other.id)).currentCertificateId).toBeNull();
  });

  it('decides on the IB user’s state: renewal only in the window, acquisition not past the limit', async () => {
    const csr = () => openssl.request().csrPem;
    const today = t.clock.today(); // 2026-12-01
    const cases: [Partial<IbUser>, IssueRequest['via'], RegExp][] = [
      [
        { currentExpiryDate: '2027-06-01' },
        'renewal',
        /現在の電子証明書は有効です。更新は有効期限の30日前から/,
      ],
      [
        { currentExpiryDate: '2026-11-30' },
        'renewal',
        /有効期限が過ぎているため更新できません/,
      ],
      [
        { currentExpiryDate: '2026-08-01' },
        'acquisition',
        /有効期限日（2026年8月1日\(土\)）から90日を超過したため（取得できるのは2026年10月30日\(金\)まででした）、ログオンも電子証明書の取得もできません。当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。$/,
      ],
      [
        { currentExpiryDate: '2027-06-01', currentRevoked: true },
        'acquisition',
        /失効しているため/,
      ],
      [{ currentExpiryDate: '2026-12-20' }, 'acquisition', /更新期間中です/],
      [
        { reissueState: 'pending', currentExpiryDate: '2026-01-01' },
        'acquisition',
        /再発行の手続き中です/,
      ],
      [{}, 'renewal', /未取得のため更新できません/],
    ];
    for (const [state, via, reason] of cases) {
      const user = await addIbUser(t, seeded.a, state as Partial<IbUser>);
      const before = await rows();
      expect([
        state,
        await refusal(issue({ ibUserId: user.id, csrPem: csr(), via })),
      ]).toEqual([
        state,
        expect.objectContaining({
          status: 409,
          message: expect.stringMatching(reason),
        }),
      ]);
      expect(await rows()).toBe(before);
      expect(await ibUserRow(t, user.id)).toMatchObject({
        currentCertificateId: null,
        updatedAt: user.updatedAt,
      });
    }
    expect(today).toBe('2026-12-01');
    // Allowed: expired within the limit, and an authorized reissue (which the issuance closes).
    const expired = await addIbUser(t, seeded.a, {
      currentExpiryDate: '2026-09-02',
    });
    await expect(
      issue({ ibUserId: expired.id, csrPem: csr() }),
    ).resolves.toBeDefined();
    const authorized = await addIbUser(t, seeded.a, {
      reissueState: 'authorized',
      currentExpiryDate: '2026-01-01',
      currentRevoked: true,
    });
    const { certificate } = await issue({
      ibUserId: authorized.id,
      csrPem: csr(),
      via: 'reissue',
    });
    expect(await ibUserRow(t, authorized.id)).toMatchObject({
      reissueState: null,
      currentRevoked: false,
      currentCertificateId: certificate.id,
    });
    await expect(
      refusal(
        issue({
          ibUserId: '00000000-0000-4000-8000-000000000000',
          csrPem: csr(),
        }),
      ),
    ).resolves.toMatchObject({ status: 404 });
  });

  it('renews inside the window: the previous certificate logs on until the new one has, then it is superseded, and the CRL says so', async () => {
    const user = await addIbUser(t, seeded.a);
    const first = await issue({
      ibUserId: user.id,
      csrPem: openssl.request().csrPem,
    });
    const start = t.clock.now();
    t.clock.set(new Date('2027-11-20T10:00:00+09:00')); // E − 11
    try {
      const renewed = await issue({
        ibUserId: user.id,
        csrPem: openssl.request().csrPem,
        via: 'renewal',
      });
      expect(renewed.supersededCertificateId).toBeNull(); // not yet: it still logs on
      expect(renewed.certificate.expiryDate).toBe('2028-11-20');
      expect(
        (
          await t.dataSource
            .getRepository(Certificate)
            .findOneByOrFail({ id: first.certificate.id })
        ).revokedAt,
      ).toBeNull();
      t.clock.advance(60 * 60_000); // the new certificate first logs on at 11:00 JST
      await t.app
        .get(IbLogonService)
        .logOn(new X509Certificate(renewed.pem).raw);
      const old = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ id: first.certificate.id });
      expect(old).toMatchObject({ revocationReason: 'superseded' });
      expect(old.revokedAt?.toISOString()).toBe('2027-11-20T02:00:00.000Z');
      expect(await ibUserRow(t, user.id)).toMatchObject({
        currentCertificateId: renewed.certificate.id,
        currentExpiryDate: '2028-11-20',
        currentRevoked: false,
      });
      const crl = await t.app.get(CrlService).currentByCode('1001');
      const listed = openssl.crl(crl as Buffer, caPem);
      expect(listed.stderr + listed.stdout).toContain('verify OK');
      expect(listed.stdout).toMatch(
        new RegExp(
          `Serial Number: ${first.certificate.serialHex.toUpperCase()}\\s+Revocation Date: Nov 20 02:00:00 2027 GMT\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Superseded`,
        ),
      );
      const revokedCheck = openssl.verify(caPem, first.pem, {
        at: t.clock.now(),
        crlDer: crl as Buffer,
      });
      expect(revokedCheck.stdout + revokedCheck.stderr).toContain(
        'certificate revoked',
      );
      expect(
        openssl.verify(caPem, renewed.pem, {
          at: t.clock.now(),
          crlDer: crl as Buffer,
        }).status,
      ).toBe(0);
      const actions = await t.dataSource.getRepository(AuditEvent).findBy({
        targetId: first.certificate.id,
        action: 'certificate.revoke',
      });
      expect(actions.map((a) => JSON.parse(a.details))).toEqual([
        expect.objectContaining({
          reason: 'superseded',
          supersededBy: renewed.certificate.id,
        }),
      ]);
    } finally {
      t.clock.set(start);
    }
  });
});
