import {
  Inject,
  Injectable,
  Logger,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CaSigner,
  caKeyWrapping,
  createCaCertificate,
  IssuingCa,
  openCa,
} from '@certdesk/pki';
import { AuditService } from '../audit/audit.service';
import { caEntry } from './ca-audit';
import { KeyedMutex } from '../audit/chain-lock';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import { AppConfig, ConfigError } from '../infra/config/config';
import { assertKeystoreChosen } from '../infra/config/keystore-config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import {
  CertificateAuthority,
  NO_CRL_YET,
} from './certificate-authority.entity';
import { CertificateAuthorityRepository } from './certificate-authority.repository';
import { isUniqueViolation } from '../infra/database/unique-violation';
import {
  GeneratedCaKey,
  KeystoreStatus,
  KeystoreUnavailableError,
} from './keystore/ca-keystore';
import { Pkcs11CaKeystore } from './keystore/pkcs11-keystore';
import { SoftwareCaKeystore } from './keystore/software-keystore';

/** The PKCS#11 keystore, or null with `CA_KEYSTORE=software` (provided by {@link PkiModule}). */
export const CA_TOKEN = Symbol('CA_TOKEN');

/** CKA_LABEL of a credit union's CA key on the token. */
export const tokenKeyLabel = (creditUnionCode: string): string =>
  `certdesk-ca-${creditUnionCode}`;

/** A CA certificate outlives every client certificate it signs (validity is 1–5 years). */
export const CA_VALIDITY_YEARS = 20;

/**
 * The credit unions' issuing CAs: one each, created on first use (or at start-up, or by
 * `npm run ca:init`). With `CA_KEYSTORE=pkcs11` a new CA's key is generated on the token and never
 * leaves it (the row holds its label and CKA_ID); with `software` it is encrypted PKCS#8 in
 * `certificate_authority`, decrypted into memory when used, and re-wrapped with the current KDF the
 * first time it is opened (`ca.key.rewrap`).
 */
@Injectable()
export class CertificateAuthorityService implements OnModuleDestroy {
  private readonly logger = new Logger(CertificateAuthorityService.name);
  private readonly loaded = new Map<string, IssuingCa>();
  private readonly creating = new KeyedMutex();
  private readonly warnedSoftware = new Set<string>();

  constructor(
    private readonly transactions: Transactions,
    private readonly rows: CertificateAuthorityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly software: SoftwareCaKeystore,
    @Optional()
    @Inject(CA_TOKEN)
    readonly token: Pkcs11CaKeystore | null = null,
  ) {}

  /** The passphrase of software CA keys (see {@link SoftwareCaKeystore.passphrase}). */
  passphrase(): string {
    return this.software.passphrase();
  }

  /** Where new CA keys are made and kept, for logs. */
  keystoreDescription(): string {
    return this.token?.describe() ?? this.software.status().keystore;
  }

  /**
   * For the readiness check: the keystore new CAs use can sign now (`pkcs11`: the token is present
   * and the session logged in; `software`: the passphrase is there). Never throws.
   */
  keystoreReady(): Promise<KeystoreStatus> {
    return this.token
      ? this.token.status()
      : Promise.resolve(this.software.status());
  }

  /**
   * At API start: says where the keys are (a warning for software keys in production mode), then
   * opens or creates every CA. A token that cannot be reached is logged, not fatal: readiness says
   * so ({@link keystoreReady}), issuance and CRL signing answer 503, and both recover when it returns.
   */
  async startUp(): Promise<void> {
    if (!this.token) this.passphrase(); // refuses a missing CA_KEY_PASSPHRASE outside demo mode
    assertKeystoreChosen(this.config.mode, this.config.caKeystore);
    const where = this.keystoreDescription();
    if (this.token) this.logger.log(`認証局の秘密鍵: ${where}`);
    else if (this.config.mode === 'production')
      this.logger.warn(
        `CA_KEYSTORE=software: 認証局の秘密鍵は HSM ではなく ${where} にあります。HSM に置くには CA_KEYSTORE=pkcs11 と PKCS11_LIBRARY / PKCS11_TOKEN_LABEL / PKCS11_PIN_FILE を設定し、cli.js ca-import-to-token で既存の鍵を移してください`,
      );
    try {
      await this.ensureAll();
    } catch (error) {
      if (!(error instanceof KeystoreUnavailableError)) throw error;
      this.logger.error(
        `認証局の鍵を保管する ${where} を使えません（${error.reason}）。復旧するまで準備完了（/api/health/ready）にならず、発行と CRL の署名は 503 を返します`,
      );
    }
  }

  /** Forgets an opened CA (its key moved to the token). */
  forget(creditUnionId: string): void {
    this.loaded.delete(creditUnionId);
  }

  async onModuleDestroy(): Promise<void> {
    await this.token?.close();
  }

  /** The issuing CA of a credit union, created on first use. */
  async forCreditUnion(creditUnionId: string): Promise<IssuingCa> {
    const cached = this.loaded.get(creditUnionId);
    if (cached) return cached;
    return this.creating.run(creditUnionId, async () => {
      const again = this.loaded.get(creditUnionId);
      if (again) return again;
      const creditUnion = await this.rows.creditUnion(creditUnionId);
      const existing = await this.row(creditUnionId);
      // A CA just created is cached only once read back: on SQLite it may have been created inside a
      // caller's transaction that could still roll back.
      if (!existing) {
        const made = await this.create(creditUnion);
        return made.signer // ours: sign with the key just made (no decryption)
          ? openCa(made.row.certificatePem, made.signer)
          : this.open(made.row, creditUnion);
      }
      const ca = await this.open(existing, creditUnion);
      this.loaded.set(creditUnionId, ca);
      return ca;
    });
  }

  /** Makes sure every credit union has its CA; returns the codes of those created now. */
  async ensureAll(): Promise<{ created: string[]; existing: string[] }> {
    const creditUnions = await this.rows.creditUnionsByCode();
    const existing = await this.rows.withCa();
    const result = { created: [] as string[], existing: [] as string[] };
    for (const cu of creditUnions) {
      (existing.has(cu.id) ? result.existing : result.created).push(cu.code);
      await this.forCreditUnion(cu.id);
    }
    return result;
  }

  /** The CA certificate (PEM) of the credit union with this code; null when there is no such credit union. */
  async certificatePemByCode(code: string): Promise<string | null> {
    const creditUnion = await this.creditUnionByCode(code);
    return creditUnion
      ? (await this.forCreditUnion(creditUnion.id)).certificatePem
      : null;
  }

  /** Every CA certificate (PEM), e.g. the trust list of a TLS listener that asks for client certificates. */
  certificatePems(): Promise<string[]> {
    return this.rows.certificatePems();
  }

  creditUnionByCode(code: string): Promise<CreditUnion | null> {
    return this.rows.creditUnionByCode(code);
  }

  /** Where a credit union's CRL is published, as written into its certificates. */
  crlUrl(creditUnionCode: string): string {
    return `${this.config.crlBaseUrl}/ib/crl/${creditUnionCode}.crl`;
  }

  private row(creditUnionId: string): Promise<CertificateAuthority | null> {
    return this.rows.row(creditUnionId);
  }

  /** A new CA (row written, audited) and its signer; another process's CA (no signer) if it won the race. */
  private async create(
    creditUnion: CreditUnion,
  ): Promise<{ row: CertificateAuthority; signer: CaSigner | null }> {
    const now = this.clock.now();
    const key: GeneratedCaKey = this.token
      ? await this.token.generate(tokenKeyLabel(creditUnion.code))
      : await this.software.generate();
    const row: CertificateAuthority = {
      id: randomUUID(),
      creditUnionId: creditUnion.id,
      certificatePem: await createCaCertificate(
        {
          commonName: `${creditUnion.name} 電子証明書発行CA`.slice(0, 64),
          organization: creditUnion.name,
          now,
          validityYears: CA_VALIDITY_YEARS,
        },
        key.signer,
      ),
      ...key.stored,
      ...NO_CRL_YET,
      createdAt: now,
    };
    try {
      await this.transactions.run(async (manager) => {
        await this.rows.insert(manager, row);
        await this.audit.recordIn(
          manager,
          caEntry({ id: row.id, creditUnionId: creditUnion.id }, 'ca.create', {
            code: creditUnion.code,
            validityYears: CA_VALIDITY_YEARS,
            keyStore: row.keyStore,
            keyLabel: row.keyLabel,
            keyId: row.keyId,
          }),
        );
      });
    } catch (error) {
      if (row.keyId)
        await this.token?.destroy(row.keyId).catch(() => undefined);
      // Another process created it first: use theirs.
      const theirs = isUniqueViolation(error)
        ? await this.row(creditUnion.id)
        : null;
      if (!theirs) throw error;
      return { row: theirs, signer: null };
    }
    this.logger.log(
      `認証局を作成しました: ${creditUnion.code} ${creditUnion.name}（鍵: ${row.keyStore === 'pkcs11' ? `PKCS#11 ${row.keyLabel}` : 'software'}）`,
    );
    return { row, signer: key.signer };
  }

  private async open(
    row: CertificateAuthority,
    creditUnion: CreditUnion,
  ): Promise<IssuingCa> {
    if (row.keyStore === 'pkcs11') {
      if (!this.token || !row.keyId)
        throw new ConfigError(
          'CA_KEYSTORE',
          `must be pkcs11: the CA key of credit union ${creditUnion.code} is on a PKCS#11 token (${row.keyLabel})`,
        );
      return openCa(row.certificatePem, await this.token.signer(row.keyId));
    }
    if (this.token && !this.warnedSoftware.has(creditUnion.code)) {
      this.warnedSoftware.add(creditUnion.code);
      this.logger.warn(
        `認証局 ${creditUnion.code} の秘密鍵はまだデータベースにあります（software）。cli.js ca-import-to-token --credit-union ${creditUnion.code} で HSM に移してください`,
      );
    }
    const opened = await this.software.open(
      row.encryptedKeyPem ?? '',
      creditUnion.code,
    );
    if (opened.rewrapped) await this.storeRewrapped(row, opened.rewrapped);
    return openCa(row.certificatePem, opened.signer);
  }

  /** The key migration of a software key wrapped the old way (PBKDF2 × 2,048): stored re-wrapped, audited. */
  private async storeRewrapped(
    row: CertificateAuthority,
    rewrapped: string,
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const replaced = await this.rows.replaceKey(
        manager,
        row.id,
        row.encryptedKeyPem,
        { encryptedKeyPem: rewrapped },
      );
      if (!replaced) return; // another process re-wrapped it first
      await this.audit.recordIn(
        manager,
        caEntry(row, 'ca.key.rewrap', { ...caKeyWrapping(rewrapped) }),
      );
    });
  }
}
