import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Certificate } from './certificate.entity';

/** A certificate a renewal replaced, its successor and its credit union. */
export interface ReplacedCertificate {
  id: string;
  successor: string;
  cu: string;
}

/**
 * The statements on certificates that are not one IB user's (system sweeps across credit unions);
 * an IB user's certificates are read and written in the issuing or revoking transaction.
 */
@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Unrevoked certificates replaced by a renewal whose own expiry date (JST) is before `today`. */
  replacedAndExpired(today: string): Promise<ReplacedCertificate[]> {
    return this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .innerJoin(Certificate, 'p', 'p.id = c.renewed_from_id')
      .select(['p.id AS id', 'c.id AS successor', 'p.credit_union_id AS cu'])
      .where('c.renewed_from_id IS NOT NULL')
      .andWhere('p.revoked_at IS NULL')
      .andWhere('p.expiry_date < :today', { today })
      .getRawMany();
  }
}
