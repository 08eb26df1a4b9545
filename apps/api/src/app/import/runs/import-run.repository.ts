import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import type { ImportRunStatusName } from '@certdesk/contracts';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { isUniqueViolationOf } from '../../infra/database/unique-violation';
import { currentCreditUnionId } from '../../infra/tenancy/tenant';
import { instant } from '../../metrics/operational-gauges';
import { ImportRun } from './import-run.entity';

type Patch = Partial<Omit<ImportRun, 'id'>>;

/** The columns of 取込履歴 (not the file, not the check's details). */
const LISTED = {
  id: true,
  creditUnionId: true,
  source: true,
  status: true,
  fileName: true,
  fileSize: true,
  sha256: true,
  claimSha256: true,
  encoding: true,
  full: true,
  lines: true,
  errorCount: true,
  createdById: true,
  createdByName: true,
  createdAt: true,
  decidedById: true,
  decidedByName: true,
  claimedAt: true,
  finishedAt: true,
  summary: true,
  message: true,
} as const;

/** 取込履歴 rows. Staff reads are scoped to the signed-in credit union; the inbox names its own. */
@Injectable()
export class ImportRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ImportRun);
  }

  async insert(run: ImportRun): Promise<void> {
    await this.repo.insert(run);
  }

  /**
   * Inserts an inbox run that claims its file's SHA-256: false when another run holds the claim
   * (applying it now, or applied it before).
   */
  async claim(run: ImportRun): Promise<boolean> {
    if (run.claimSha256 && (await this.findClaim(run.claimSha256)))
      return false;
    try {
      await this.repo.insert(run);
      return true;
    } catch (error) {
      if (isUniqueViolationOf(error, 'claim_sha256')) return false;
      throw error;
    }
  }

  /** The run holding the claim on `sha256`, if any. */
  findClaim(sha256: string): Promise<ImportRun | null> {
    return this.repo.findOneBy({ claimSha256: sha256 });
  }

  /**
   * A run of the signed-in staff member's credit union (null for another's: same as missing),
   * without the file (`content` null: read it with {@link contentOf}), so that polling stays cheap.
   */
  async findOwn(id: string): Promise<ImportRun | null> {
    const run = await this.repo.findOne({
      where: { id, creditUnionId: currentCreditUnionId() },
      select: { ...LISTED, details: true },
    });
    return run ? { ...run, content: null } : null;
  }

  /** The stored file of a run (base64), or null once it was applied or cancelled. */
  async contentOf(id: string): Promise<string | null> {
    const run = await this.repo.findOne({
      where: { id },
      select: { id: true, content: true },
    });
    return run?.content ?? null;
  }

  /** Newest first, without the file and the check's details. */
  listOwn(limit: number): Promise<ImportRun[]> {
    return this.repo.find({
      where: { creditUnionId: currentCreditUnionId() },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      select: LISTED,
    });
  }

  /**
   * Moves a run from `from` to the patch (e.g. planned → applying) when it is still in `from`:
   * false when another request got there first. `em` writes inside a transaction.
   */
  async transition(
    id: string,
    from: ImportRunStatusName,
    patch: Patch,
    em: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const result = await em.update(ImportRun, { id, status: from }, patch);
    return (result.affected ?? 0) > 0;
  }

  async update(id: string, patch: Patch): Promise<void> {
    await this.repo.update({ id }, patch);
  }

  /**
   * Runs left `applying` by a process that died (claimed before `before`): failed, claim released,
   * so that the file can be picked up again. The transaction of a dead process was rolled back.
   */
  async releaseStale(before: Date, now: Date): Promise<number> {
    const result = await this.repo.update(
      { status: 'applying', claimedAt: LessThan(before) },
      {
        status: 'failed',
        claimSha256: null,
        finishedAt: now,
        message:
          '取り込み中に処理が中断されました（何も書き込まれていません）。もう一度取り込んでください',
      },
    );
    return result.affected ?? 0;
  }

  /** Credit unions by code (the inbox tells a file's credit union from its lines). */
  creditUnionsByCode(codes: string[]): Promise<CreditUnion[]> {
    return this.dataSource
      .getRepository(CreditUnion)
      .findBy({ code: In(codes) });
  }

  creditUnionById(id: string): Promise<CreditUnion | null> {
    return this.dataSource.getRepository(CreditUnion).findOneBy({ id });
  }

  /** Runs by source and status (metrics; every credit union, numbers only). */
  async countsBySourceAndStatus(): Promise<
    { source: string; status: string; n: number }[]
  > {
    const rows: { source: string; status: string; n: string | number }[] =
      await this.repo
        .createQueryBuilder('r')
        .select('r.source', 'source')
        .addSelect('r.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .groupBy('r.source')
        .addGroupBy('r.status')
        .getRawMany();
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** When the last inbox file finished, by status (metrics). */
  async lastInboxFinish(): Promise<{ status: string; at: Date }[]> {
    const rows: { status: string; at: string | Date | null }[] = await this.repo
      .createQueryBuilder('r')
      .select('r.status', 'status')
      .addSelect('MAX(r.finishedAt)', 'at')
      .where("r.source = 'inbox'")
      .groupBy('r.status')
      .getRawMany();
    return rows
      .filter((r) => r.at !== null)
      .map((r) => ({ status: r.status, at: instant(r.at as string | Date) }));
  }
}
