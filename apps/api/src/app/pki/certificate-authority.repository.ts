import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { Certificate } from '../certificates/certificate.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Manager } from '../infra/database/transactions';
import { CertificateAuthority } from './certificate-authority.entity';

/**
 * The SQL of the credit unions' issuing CAs (`certificate_authority`): their rows, their CRLs and
 * key moves, each change one conditional UPDATE so concurrent processes cannot both win. System-wide:
 * the PKI works for every credit union (start-up, CRL schedule, ops CLI), named by id or code.
 */
@Injectable()
export class CertificateAuthorityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  creditUnion(id: string): Promise<CreditUnion> {
    return this.dataSource.getRepository(CreditUnion).findOneByOrFail({ id });
  }

  creditUnionByCode(code: string): Promise<CreditUnion | null> {
    return this.dataSource.getRepository(CreditUnion).findOneBy({ code });
  }

  creditUnionsByCode(): Promise<CreditUnion[]> {
    return this.dataSource
      .getRepository(CreditUnion)
      .find({ order: { code: 'ASC' } });
  }

  /** The credit unions that have a CA. */
  async withCa(): Promise<Set<string>> {
    const rows = await this.dataSource
      .getRepository(CertificateAuthority)
      .find({ select: { creditUnionId: true } });
    return new Set(rows.map((r) => r.creditUnionId));
  }

  /** The CA row of a credit union, or null. */
  row(creditUnionId: string): Promise<CertificateAuthority | null> {
    return this.dataSource
      .getRepository(CertificateAuthority)
      .findOneBy({ creditUnionId });
  }

  rowOrFail(creditUnionId: string): Promise<CertificateAuthority> {
    return this.dataSource
      .getRepository(CertificateAuthority)
      .findOneByOrFail({ creditUnionId });
  }

  /** Every CA certificate (PEM), oldest first. */
  async certificatePems(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(CertificateAuthority)
      .find({ select: { certificatePem: true }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.certificatePem);
  }

  async insert(manager: Manager, row: CertificateAuthority): Promise<void> {
    await manager.insert(CertificateAuthority, row);
  }

  /** Replaces the CA's key fields if its wrapped key is still `old`; false when another process changed it first. */
  async replaceKey(
    manager: Manager,
    id: string,
    old: string | null,
    patch: Partial<CertificateAuthority>,
  ): Promise<boolean> {
    return this.updateIf(
      manager,
      patch,
      'id = :id AND encrypted_key_pem = :old',
      {
        id,
        old,
      },
    );
  }

  /** Inside a transaction that revoked a certificate of this credit union: its CRL is now behind. */
  async countRevocation(
    manager: Manager,
    creditUnionId: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(CertificateAuthority)
      .set({ revocationCount: () => 'revocation_count + 1' })
      .where('credit_union_id = :creditUnionId', { creditUnionId })
      .execute();
  }

  /** The credit unions whose CRL is behind its revocations, missing, or published at `dayAgo` or before. */
  async crlDue(dayAgo: Date): Promise<string[]> {
    const due = await this.dataSource
      .getRepository(CertificateAuthority)
      .createQueryBuilder('a')
      .select(['a.creditUnionId'])
      .where(
        new Brackets((w) =>
          w
            .where('a.revocationCount > a.crlRevocationCount')
            .orWhere('a.crlThisUpdate IS NULL')
            .orWhere('a.crlThisUpdate <= :dayAgo', { dayAgo }),
        ),
      )
      .getMany();
    return due.map((d) => d.creditUnionId);
  }

  /** The credit union's revoked certificates still valid at `thisUpdate`, for its CRL. */
  revokedFor(creditUnionId: string, thisUpdate: Date): Promise<Certificate[]> {
    return this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .select(['c.serialHex', 'c.revokedAt', 'c.revocationReason'])
      .where('c.creditUnionId = :creditUnionId', { creditUnionId })
      .andWhere(
        'c.revokedAt IS NOT NULL AND c.pem IS NOT NULL AND c.notAfter > :thisUpdate',
        { thisUpdate },
      )
      .orderBy('c.revokedAt', 'ASC')
      .addOrderBy('c.serialHex', 'ASC')
      .getMany();
  }

  /** Stores CRL number `previous + 1` unless another process stored it first (then false). */
  async storeCrl(
    manager: Manager,
    id: string,
    previous: number,
    patch: Partial<CertificateAuthority>,
  ): Promise<boolean> {
    return this.updateIf(
      manager,
      patch,
      'id = :id AND crl_number = :previous',
      {
        id,
        previous,
      },
    );
  }

  /** One conditional UPDATE of a CA row; false when the condition no longer held. */
  private async updateIf(
    manager: Manager,
    patch: Partial<CertificateAuthority>,
    condition: string,
    parameters: Record<string, unknown>,
  ): Promise<boolean> {
    const update = await manager
      .createQueryBuilder()
      .update(CertificateAuthority)
      .set(patch)
      .where(condition, parameters)
      .execute();
    return !!update.affected;
  }
}
