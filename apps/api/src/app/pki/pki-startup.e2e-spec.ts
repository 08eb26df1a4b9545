import { createPrivateKey } from 'node:crypto';
import {
  CA_KEY_PBKDF2_ITERATIONS,
  caKeyWrapping,
  decryptCaKey,
} from '@certdesk/pki';
import {
  createTestApp,
  TEST_CA_KEY_PASSPHRASE,
  TestApp,
} from '../../testing/test-app';
import { seedTwoCreditUnions } from '../../testing/staff-browser';
import { testDatabases } from '../../testing/test-database';
import { AuditEvent } from '../audit/audit-event.entity';
import { DatabaseConfig } from '../infra/config/config';
import { CertificateAuthority } from './certificate-authority.entity';
import { CertificateAuthorityService } from './certificate-authority.service';

/** Production mode with what it requires besides the CA keystore. */
const PRODUCTION = {
  CERTDESK_MODE: 'production',
  AUDIT_HMAC_KEY: 'pki-startup-test-audit-hmac-key-0123456789',
};

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
        env: { ...PRODUCTION, CA_KEYSTORE: 'software', CA_KEY_PASSPHRASE: '' },
      }),
    ).rejects.toThrow(/^Invalid configuration: CA_KEY_PASSPHRASE must be set/);
  });

  it('refuses a production start that does not choose where the CA keys are (CA_KEYSTORE)', async () => {
    await expect(
      createTestApp(database, { env: { ...PRODUCTION } }),
    ).rejects.toThrow(
      /^Invalid configuration: CA_KEYSTORE must be set in production mode/,
    );
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

  it('re-wraps a CA key stored the old way (PBKDF2 × 2,048) when it is opened: the same key, stored with PBKDF2-HMAC-SHA256 × 600,000, audited', async () => {
    const repository = (t: { dataSource: TestApp['dataSource'] }) =>
      t.dataSource.getRepository(CertificateAuthority);
    const setup = await createTestApp(database);
    const [weak, strong] = await repository(setup).find({
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const pem = await decryptCaKey(
      weak.encryptedKeyPem as string,
      TEST_CA_KEY_PASSPHRASE,
    );
    const legacy = createPrivateKey(pem)
      .export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc', // Node's own wrapping: PBKDF2 with 2,048 iterations
        passphrase: TEST_CA_KEY_PASSPHRASE,
      })
      .toString();
    expect(caKeyWrapping(legacy)).toMatchObject({ iterations: 2048 });
    await repository(setup).update(
      { id: weak.id },
      { encryptedKeyPem: legacy },
    );
    await setup.close();

    const t = await createTestApp(database); // the start opens every CA
    try {
      const after = await repository(t).findOneByOrFail({ id: weak.id });
      expect(caKeyWrapping(after.encryptedKeyPem as string)).toEqual({
        scheme: 'pbes2',
        kdf: 'pbkdf2',
        prf: 'hmacWithSHA256',
        iterations: CA_KEY_PBKDF2_ITERATIONS,
        cipher: 'aes-256-cbc',
      });
      expect(CA_KEY_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
      expect(
        await decryptCaKey(
          after.encryptedKeyPem as string,
          TEST_CA_KEY_PASSPHRASE,
        ),
      ).toBe(pem);
      expect(
        (await repository(t).findOneByOrFail({ id: strong.id }))
          .encryptedKeyPem,
      ).toBe(strong.encryptedKeyPem);
      const audited = await t.dataSource
        .getRepository(AuditEvent)
        .findBy({ action: 'ca.key.rewrap' });
      expect(audited.map((a) => a.targetId)).toEqual([weak.id]);
      expect(JSON.parse(audited[0].details)).toMatchObject({
        kdf: 'pbkdf2',
        iterations: CA_KEY_PBKDF2_ITERATIONS,
      });
    } finally {
      await t.close();
    }
  });
});
