import { createTestApp, TEST_CA_KEY_PASSPHRASE } from '../../testing/test-app';
import { seedTwoCreditUnions } from '../../testing/staff-browser';
import { testDatabases } from '../../testing/test-database';
import { AuditEvent } from '../audit/audit-event.entity';
import { DatabaseConfig } from '../infra/config/config';
import { CertificateAuthority } from './certificate-authority.entity';
import { CertificateAuthorityService } from './certificate-authority.service';

describe.each(testDatabases())('PKI at start-up on $name', (db) => {
  let database: DatabaseConfig;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await db.create();
    database = created.config;
    drop = created.drop;
    const t = await createTestApp(database);
    await seedTwoCreditUnions(t);
    await t.close();
  });
  afterAll(async () => {
    await drop?.();
  });

  it('refuses to start without CA_KEY_PASSPHRASE outside demo mode, naming the variable', async () => {
    await expect(
      createTestApp(database, {
        env: { CERTDESK_MODE: 'production', CA_KEY_PASSPHRASE: '' },
      }),
    ).rejects.toThrow(/^Invalid configuration: CA_KEY_PASSPHRASE must be set/);
  });

  it('creates the missing CAs of every credit union and publishes their first CRLs', async () => {
    const t = await createTestApp(database);
    try {
      const cas = await t.dataSource.getRepository(CertificateAuthority).find();
      expect(cas).toHaveLength(2);
      for (const ca of cas) {
        expect(ca).toMatchObject({
          crlNumber: 1,
          revocationCount: 0,
          crlRevocationCount: 0,
        });
        expect(ca.encryptedKeyPem).toContain(
          '-----BEGIN ENCRYPTED PRIVATE KEY-----',
        );
        expect(ca.encryptedKeyPem).not.toContain(TEST_CA_KEY_PASSPHRASE);
      }
      expect(
        await t.dataSource
          .getRepository(AuditEvent)
          .countBy({ action: 'ca.create' }),
      ).toBe(2);
      const authorities = t.app.get(CertificateAuthorityService);
      expect(await authorities.ensureAll()).toEqual({
        created: [],
        existing: ['1001', '1002'],
      });
      expect((await authorities.certificatePems()).sort()).toEqual(
        cas.map((c) => c.certificatePem).sort(),
      );
    } finally {
      await t.close();
    }
    // A restart keeps them.
    const again = await createTestApp(database);
    expect(
      await again.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'ca.create' }),
    ).toBe(2);
    await again.close();
  });

  it('refuses to start when the passphrase does not open the stored CA keys', async () => {
    await expect(
      createTestApp(database, {
        env: { CA_KEY_PASSPHRASE: 'another-passphrase-entirely' },
      }),
    ).rejects.toThrow(
      /^Invalid configuration: CA_KEY_PASSPHRASE does not decrypt the CA key of credit union 1001/,
    );
  });
});
