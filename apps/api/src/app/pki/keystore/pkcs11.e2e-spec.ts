import { ERROR_MESSAGES } from '@certdesk/contracts';
import { KeyObject } from 'node:crypto';
import { createCaCertificate } from '@certdesk/pki';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient } from '../../../testing/ib-client';
import { addIbUser } from '../../../testing/pki';
import {
  SeededTenants,
  seedTwoCreditUnions,
} from '../../../testing/staff-browser';
import { createTestApp, TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { AuditEvent } from '../../audit/audit-event.entity';
import { Certificate } from '../../certificates/certificate.entity';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { DatabaseConfig } from '../../infra/config/config';
import {
  CertificateAuthority,
  NO_CRL_YET,
} from '../certificate-authority.entity';
import { CertificateAuthorityService } from '../certificate-authority.service';
import { CertificateIssuanceService } from '../certificate-issuance.service';
import { CertificateRevocationService } from '../certificate-revocation.service';
import { CrlService } from '../crl.service';
import { caImportToTokenCommand } from '../ca-init.command';
import { CaKeyImportService } from './ca-key-import.service';
import { KeystoreUnavailableError } from './ca-keystore';
import { RECONNECT_BACKOFF_MS } from './pkcs11-keystore';
import { temporarySoftHsmToken, TemporarySoftHsmToken } from './softhsm';
import { SoftwareCaKeystore } from './software-keystore';
import { auditEvent } from '../../../testing/audit-events';
import { acquireAsNewUser } from '../../../testing/ib-customer';
import { makeTempDir, removeTempDir } from '../../../testing/temp-dir';

/** Every object reachable from `root` (own enumerable properties), to look for key material. */
function reachable(root: unknown, seen = new Set<unknown>()): unknown[] {
  if (root === null || typeof root !== 'object' || seen.has(root)) return [];
  seen.add(root);
  for (const value of Object.values(root)) reachable(value, seen);
  return [...seen];
}

describe.each(testDatabases())(
  'CA keys on a PKCS#11 token (SoftHSM2) on $name',
  (db) => {
    let t: TestApp;
    let drop: () => Promise<void>;
    let database: DatabaseConfig;
    let closed = false;
    let token: TemporarySoftHsmToken;
    let seeded: SeededTenants;
    let ib: IbClient;
    const openssl = new Openssl();
    const dataDir = makeTempDir('pkcs11');
    const cas = () => t.app.get(CertificateAuthorityService);
    const caRow = (cu: CreditUnion) =>
      t.dataSource
        .getRepository(CertificateAuthority)
        .findOneByOrFail({ creditUnionId: cu.id });

    /** 電子証明書取得 over the IB listener: the answer, and the key that goes with the certificate. */
    const acquire = (cu: CreditUnion) => acquireAsNewUser(t, ib, openssl, cu);

    beforeAll(async () => {
      token = temporarySoftHsmToken();
      const created = await db.create();
      drop = created.drop;
      database = created.config;
      t = await createTestApp(created.config, {
        env: {
          ...token.env,
          IB_TLS_PORT: '0',
          DATA_DIR: dataDir,
          IB_PORTAL_DIR: '',
        },
      });
      seeded = await seedTwoCreditUnions(t);
      ib = new IbClient(t);
    }, 60_000);
    afterAll(async () => {
      openssl.close();
      if (!closed) await t?.close();
      await drop?.();
      token?.destroy();
      removeTempDir(dataDir);
    });

    it('generates the CA key on the token (RSA-3072, CKA_EXTRACTABLE false, sensitive); the database holds only the certificate, label and CKA_ID', async () => {
      const ca = await cas().forCreditUnion(seeded.a.id);
      const row = await caRow(seeded.a);
      expect(row).toMatchObject({
        keyStore: 'pkcs11',
        encryptedKeyPem: null,
        keyLabel: 'certdesk-ca-1001',
        keyId: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(await cas().token?.attributes(row.keyId as string)).toEqual({
        extractable: false,
        sensitive: true,
        neverExtractable: true,
        alwaysSensitive: true,
      });
      expect(openssl.x509Text(row.certificatePem)).toContain(
        'Public-Key: (3072 bit)',
      );
      expect(
        openssl.verify(row.certificatePem, row.certificatePem, {
          at: t.clock.now(),
        }).stdout,
      ).toContain(': OK');
      // No private key anywhere: not in any CA row, not in the CA the process keeps.
      const rows = await t.dataSource.query(
        'SELECT * FROM certificate_authority',
      );
      expect(JSON.stringify(rows)).not.toMatch(/PRIVATE KEY/);
      const keys = reachable(ca).filter(
        (o): o is KeyObject => o instanceof KeyObject,
      );
      expect(keys.filter((k) => k.type === 'private')).toEqual([]);
      const audited = await auditEvent(t, 'ca.create', row.id);
      expect(JSON.parse(audited.details)).toMatchObject({
        keyStore: 'pkcs11',
        keyLabel: 'certdesk-ca-1001',
        keyId: row.keyId,
      });
    });

    it('issues certificates the token signs: openssl verifies them and they log on over mutual TLS; the CRL verifies with openssl crl', async () => {
      const caPem = (await cas().certificatePemByCode('1001')) as string;
      const { res, keyPem } = await acquire(seeded.a);
      expect(res.status).toBe(201);
      const certPem: string = res.body.certificatePem;
      expect(
        openssl.verify(caPem, certPem, { at: t.clock.now() }).stdout,
      ).toMatch(/: OK\n$/);
      const logon = await ib.as({ keyPem, certPem }).get('/ib/me');
      expect(logon.status).toBe(200);

      const revoked = await acquire(seeded.a);
      const row = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ pem: revoked.res.body.certificatePem });
      await t.app
        .get(CertificateRevocationService)
        .revoke(row.id, 'keyCompromise', {
          actorType: 'system',
          actorName: 'test',
        });
      const crl = await t.app.get(CrlService).publish(seeded.a.id);
      const checked = openssl.crl(crl, caPem);
      expect(checked.stdout + checked.stderr).toContain('verify OK');
      expect(checked.stdout).toContain(
        `Serial Number: ${row.serialHex.toUpperCase()}`,
      );
      expect(
        openssl.verify(caPem, revoked.res.body.certificatePem, {
          at: t.clock.now(),
          crlDer: crl,
        }).stdout + '',
      ).not.toMatch(/: OK\n$/);
    });

    it('moves a software CA key onto the token (ca-import-to-token): non-extractable, the database copy deleted in the same step, audited; what it signs verifies against the same CA certificate', async () => {
      // 1002's CA as a software keystore made it (before CA_KEYSTORE=pkcs11).
      const software = await t.app.get(SoftwareCaKeystore).generate();
      const certificatePem = await createCaCertificate(
        {
          commonName: 'わかば信用金庫 電子証明書発行CA',
          organization: seeded.b.name,
          now: t.clock.now(),
          validityYears: 20,
        },
        software.signer,
      );
      await t.dataSource.getRepository(CertificateAuthority).insert({
        id: '00000000-0000-4000-8000-000000001002',
        creditUnionId: seeded.b.id,
        certificatePem,
        ...software.stored,
        ...NO_CRL_YET,
        createdAt: t.clock.now(),
      });

      expect(
        await caImportToTokenCommand(
          t.app,
          new Map([['credit-union', '1002']]),
        ),
      ).toBe(0);
      const row = await caRow(seeded.b);
      expect(await cas().token?.attributes(row.keyId as string)).toMatchObject({
        extractable: false,
        sensitive: true,
      });
      expect(row).toMatchObject({
        keyStore: 'pkcs11',
        encryptedKeyPem: null,
        keyLabel: 'certdesk-ca-1002',
        keyId: expect.stringMatching(/^[0-9a-f]{32}$/),
        certificatePem,
      });
      const audited = await auditEvent(t, 'ca.key.import_to_token');
      expect(audited.creditUnionId).toBe(seeded.b.id);
      expect(JSON.parse(audited.details)).toMatchObject({
        keyLabel: 'certdesk-ca-1002',
        keystore: expect.stringContaining('pkcs11'),
        extractable: false,
        softwareCopyDeleted: true,
      });
      const { res } = await acquire(seeded.b);
      expect(res.status).toBe(201);
      expect(
        openssl.verify(certificatePem, res.body.certificatePem, {
          at: t.clock.now(),
        }).stdout,
      ).toMatch(/: OK\n$/);
      await expect(
        t.app.get(CaKeyImportService).importToToken('1002'),
      ).rejects.toThrow(/すでにトークン上/);
    });

    it('token removed while running: issuance answers 503 in Japanese with nothing written, the CRL is not replaced, readiness says why; all recover when the token returns', async () => {
      const certificates = () =>
        t.dataSource.getRepository(Certificate).count();
      const issues = () =>
        t.dataSource
          .getRepository(AuditEvent)
          .countBy({ action: 'certificate.issue' });
      const before = {
        certificates: await certificates(),
        issues: await issues(),
        ca: await caRow(seeded.a),
      };
      expect(await cas().keystoreReady()).toMatchObject({ ok: true });

      token.remove();
      try {
        const { res, user } = await acquire(seeded.a);
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('30');
        expect(res.body).toMatchObject({
          code: 'KEYSTORE_UNAVAILABLE',
          message: ERROR_MESSAGES.KEYSTORE_UNAVAILABLE,
        });
        expect(await certificates()).toBe(before.certificates);
        expect(await issues()).toBe(before.issues);
        expect(
          await t.dataSource
            .getRepository(Certificate)
            .countBy({ ibUserId: user.id }),
        ).toBe(0);
        const crl = await t.app
          .get(CrlService)
          .publish(seeded.a.id)
          .catch((e: unknown) => e);
        expect(crl).toBeInstanceOf(KeystoreUnavailableError);
        expect((crl as KeystoreUnavailableError).getStatus()).toBe(503);
        expect(await caRow(seeded.a)).toMatchObject({
          crlNumber: before.ca.crlNumber,
          crlDer: before.ca.crlDer,
        });
        const ready = await cas().keystoreReady();
        expect(ready).toMatchObject({
          ok: false,
          keystore: expect.stringContaining('pkcs11'),
        });
        expect(ready.error).toMatch(/not present|CKR_/);
      } finally {
        token.restore();
      }

      await new Promise((r) => setTimeout(r, RECONNECT_BACKOFF_MS + 50));
      expect(await cas().keystoreReady()).toMatchObject({ ok: true });
      const { res } = await acquire(seeded.a);
      expect(res.status).toBe(201);
      const crl = await t.app.get(CrlService).publish(seeded.a.id);
      const caPem = (await cas().certificatePemByCode('1001')) as string;
      expect(openssl.crl(crl, caPem).stderr).toContain('verify OK');
    });

    it('the token found by PKCS11_SLOT too; a wrong PIN or a missing token at start: the API still starts, the keystore check names the token and why, issuance answers 503', async () => {
      await t.close(); // one process, one PKCS#11 module: the next apps use it alone
      closed = true;
      const starts: [Record<string, string>, RegExp][] = [
        [
          { PKCS11_PIN: '00000000' },
          /refused PKCS11_PIN \(CKR_PIN_INCORRECT\)/,
        ],
        [{ PKCS11_TOKEN_LABEL: 'no-such-token' }, /token not present/],
      ];
      // The token by slot ID instead of label.
      const bySlot = await createTestApp(database, {
        env: {
          ...token.env,
          PKCS11_TOKEN_LABEL: '',
          PKCS11_SLOT: String(token.slot),
        },
      });
      try {
        expect(
          await bySlot.app.get(CertificateAuthorityService).keystoreReady(),
        ).toMatchObject({
          ok: true,
          keystore: `pkcs11 (slot ${token.slot}, ${token.env['PKCS11_LIBRARY']})`,
        });
        const ca = await bySlot.app
          .get(CertificateAuthorityService)
          .forCreditUnion(seeded.a.id);
        expect(ca.certificatePem).toBe(
          (
            await bySlot.dataSource
              .getRepository(CertificateAuthority)
              .findOneByOrFail({ creditUnionId: seeded.a.id })
          ).certificatePem,
        );
      } finally {
        await bySlot.close();
      }
      for (const [env, why] of starts) {
        const other = await createTestApp(database, {
          env: { ...token.env, ...env },
        });
        try {
          const ready = await other.app
            .get(CertificateAuthorityService)
            .keystoreReady();
          expect(ready).toMatchObject({
            ok: false,
            keystore: expect.stringMatching(/^pkcs11 \(token "/),
          });
          expect(ready.error).toMatch(why);
          expect(ready.error).not.toContain('24681357'); // the right PIN …
          expect(ready.error).not.toContain('00000000'); // … nor the wrong one
          const user = await addIbUser(other, seeded.a);
          const refused = await other.app
            .get(CertificateIssuanceService)
            .issue({
              ibUserId: user.id,
              csrPem: openssl.newKeyRequest(2048).csrPem,
              via: 'acquisition',
            })
            .catch((e: unknown) => e);
          expect(refused).toBeInstanceOf(KeystoreUnavailableError);
          expect(
            await other.dataSource
              .getRepository(Certificate)
              .countBy({ ibUserId: user.id }),
          ).toBe(0);
        } finally {
          await other.close();
        }
      }
    });
  },
);
