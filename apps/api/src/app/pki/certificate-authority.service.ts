import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CaKeyPassphraseError,
  createCa,
  decryptCaKey,
  encryptCaKey,
  IssuingCa,
  loadCa,
} from '@certdesk/pki';
import { AuditService } from '../audit/audit.service';
import { KeyedMutex } from '../audit/chain-lock';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Clock } from '../infra/clock/clock';
import {
  AppConfig,
  ConfigError,
  resolveCaKeyPassphrase,
} from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/config.module';
import { CertificateAuthority } from './certificate-authority.entity';
import { isUniqueViolation } from '../infra/database/unique-violation';

/** A CA certificate outlives every client certificate it signs (validity is 1–5 years). */
export const CA_VALIDITY_YEARS = 20;

/**
 * The credit unions' issuing CAs: one each, created on first use (or at start-up, or by
 * `npm run ca:init`), the key kept as encrypted PKCS#8 in `certificate_authority` and, once
 * decrypted, in memory only.
 */
@Injectable()
export class CertificateAuthorityService {
  private readonly logger = new Logger(CertificateAuthorityService.name);
  private readonly loaded = new Map<string, IssuingCa>();
  private readonly creating = new KeyedMutex();
  private warnedDemoPassphrase = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The passphrase of the CA keys; a {@link ConfigError} outside demo mode when unset (warns once in demo mode). */
  passphrase(): string {
    const { passphrase, demoDefault } = resolveCaKeyPassphrase(this.config);
    if (demoDefault && !this.warnedDemoPassphrase) {
      this.logger.warn(
        'CA_KEY_PASSPHRASE が未設定のため、デモ用の既定パスフレーズで認証局の秘密鍵を暗号化しています。本番では必ず設定してください',
      );
    }
    this.warnedDemoPassphrase ||= demoDefault;
    return passphrase;
  }

  /** The issuing CA of a credit union, created on first use. */
  async forCreditUnion(creditUnionId: string): Promise<IssuingCa> {
    const cached = this.loaded.get(creditUnionId);
    if (cached) return cached;
    return this.creating.run(creditUnionId, async () => {
      const again = this.loaded.get(creditUnionId);
      if (again) return again;
      const creditUnion = await this.dataSource
        .getRepository(CreditUnion)
        .findOneByOrFail({ id: creditUnionId });
      const existing = await this.row(creditUnionId);
      // A CA just created is cached only once read back: on SQLite it may have been created inside a
      // caller's transaction that could still roll back.
      if (!existing)
        return this.open(await this.create(creditUnion), creditUnion);
      const ca = this.open(existing, creditUnion);
      this.loaded.set(creditUnionId, ca);
      return ca;
    });
  }

  /** Makes sure every credit union has its CA; returns the codes of those created now. */
  async ensureAll(): Promise<{ created: string[]; existing: string[] }> {
    const creditUnions = await this.dataSource
      .getRepository(CreditUnion)
      .find({ order: { code: 'ASC' } });
    const existing = new Set(
      (
        await this.dataSource
          .getRepository(CertificateAuthority)
          .find({ select: { creditUnionId: true } })
      ).map((r) => r.creditUnionId),
    );
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
  async certificatePems(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(CertificateAuthority)
      .find({ select: { certificatePem: true }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.certificatePem);
  }

  creditUnionByCode(code: string): Promise<CreditUnion | null> {
    return this.dataSource.getRepository(CreditUnion).findOneBy({ code });
  }

  /** Where a credit union's CRL is published, as written into its certificates. */
  crlUrl(creditUnionCode: string): string {
    return `${this.config.crlBaseUrl}/ib/crl/${creditUnionCode}.crl`;
  }

  private row(creditUnionId: string): Promise<CertificateAuthority | null> {
    return this.dataSource
      .getRepository(CertificateAuthority)
      .findOneBy({ creditUnionId });
  }

  private async create(
    creditUnion: CreditUnion,
  ): Promise<CertificateAuthority> {
    const passphrase = this.passphrase();
    const now = this.clock.now();
    const made = createCa({
      commonName: `${creditUnion.name} 電子証明書発行CA`.slice(0, 64),
      organization: creditUnion.name,
      now,
      validityYears: CA_VALIDITY_YEARS,
    });
    const row: CertificateAuthority = {
      id: randomUUID(),
      creditUnionId: creditUnion.id,
      certificatePem: made.certificatePem,
      encryptedKeyPem: encryptCaKey(made.privateKeyPem, passphrase),
      crlNumber: 0,
      crlDer: null,
      crlThisUpdate: null,
      crlNextUpdate: null,
      revocationCount: 0,
      crlRevocationCount: 0,
      createdAt: now,
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(CertificateAuthority, row);
        await this.audit.recordIn(manager, {
          action: 'ca.create',
          outcome: 'success',
          creditUnionId: creditUnion.id,
          actorType: 'system',
          actorId: null,
          actorName: 'system',
          targetType: 'certificate_authority',
          targetId: row.id,
          details: { code: creditUnion.code, validityYears: CA_VALIDITY_YEARS },
        });
      });
    } catch (error) {
      // Another process created it first: use theirs.
      const theirs = isUniqueViolation(error)
        ? await this.row(creditUnion.id)
        : null;
      if (!theirs) throw error;
      return theirs;
    }
    this.logger.log(
      `認証局を作成しました: ${creditUnion.code} ${creditUnion.name}`,
    );
    return row;
  }

  private open(row: CertificateAuthority, creditUnion: CreditUnion): IssuingCa {
    try {
      return loadCa(
        row.certificatePem,
        decryptCaKey(row.encryptedKeyPem, this.passphrase()),
      );
    } catch (error) {
      if (error instanceof CaKeyPassphraseError) {
        throw new ConfigError(
          'CA_KEY_PASSPHRASE',
          `does not decrypt the CA key of credit union ${creditUnion.code} (was it created with another passphrase?)`,
        );
      }
      throw error;
    }
  }
}
