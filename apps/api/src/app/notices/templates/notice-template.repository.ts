import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, FindOneOptions, Repository } from 'typeorm';
import type { NoticeTemplateVersion } from '@certdesk/contracts';
import {
  DEFAULT_TEMPLATES,
  NOTICE_KINDS,
  NoticeKind,
} from '@certdesk/notice-templates';
import { Clock } from '../../infra/clock/clock';
import type { NoticeTemplateStatus } from '@certdesk/contracts';
import { NoticeTemplate } from './notice-template.entity';

export function toVersionView(t: NoticeTemplate): NoticeTemplateVersion {
  return {
    id: t.id,
    version: t.version,
    status: t.status,
    subject: t.subject,
    body: t.body,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy,
    updatedAt: t.updatedAt.toISOString(),
    publishedAt: t.publishedAt?.toISOString() ?? null,
    publishedBy: t.publishedBy,
  };
}

/** Finds the highest version of `kind` in `status`. */
function newest(
  creditUnionId: string,
  kind: NoticeKind,
  status: NoticeTemplateStatus,
): FindOneOptions<NoticeTemplate> {
  return {
    where: { creditUnionId, kind, status },
    order: { version: 'DESC' },
  };
}

/**
 * Template versions of a credit union, named explicitly (dispatch has no request context; HTTP
 * services pass the signed-in staff member's credit union). The shipped defaults are created as
 * published version 1 the first time a credit union's templates are used.
 */
@Injectable()
export class NoticeTemplateStore {
  private readonly ensured = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Creates the missing defaults (concurrent callers, other processes: the unique version wins). */
  async ensureDefaults(creditUnionId: string): Promise<void> {
    if (this.ensured.has(creditUnionId)) return;
    const repo = this.dataSource.getRepository(NoticeTemplate);
    const present = new Set(
      (
        await repo.find({ select: { kind: true }, where: { creditUnionId } })
      ).map((t) => t.kind),
    );
    const now = this.clock.now();
    const missing = NOTICE_KINDS.filter((kind) => !present.has(kind)).map(
      (kind) => ({
        id: randomUUID(),
        creditUnionId,
        kind,
        version: 1,
        status: 'published' as const,
        ...DEFAULT_TEMPLATES[kind],
        createdAt: now,
        createdBy: null,
        updatedAt: now,
        publishedAt: now,
        publishedBy: null,
      }),
    );
    if (missing.length > 0)
      await repo
        .createQueryBuilder()
        .insert()
        .into(NoticeTemplate)
        .values(missing)
        .orIgnore()
        .execute();
    this.ensured.add(creditUnionId);
  }

  /** The credit union's templates, once it has its defaults. */
  private async templates(
    creditUnionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Repository<NoticeTemplate>> {
    await this.ensureDefaults(creditUnionId);
    return manager.getRepository(NoticeTemplate);
  }

  /** The version in use: the highest published one. */
  async published(
    creditUnionId: string,
    kind: NoticeKind,
    manager?: EntityManager,
  ): Promise<NoticeTemplate> {
    const templates = await this.templates(creditUnionId, manager);
    return templates.findOneOrFail(newest(creditUnionId, kind, 'published'));
  }

  async draft(
    creditUnionId: string,
    kind: NoticeKind,
    manager?: EntityManager,
  ): Promise<NoticeTemplate | null> {
    const templates = await this.templates(creditUnionId, manager);
    return templates.findOne(newest(creditUnionId, kind, 'draft'));
  }

  /** Newest first. */
  async history(
    creditUnionId: string,
    kind: NoticeKind,
    limit = 20,
  ): Promise<NoticeTemplate[]> {
    const templates = await this.templates(creditUnionId);
    return templates.find({
      where: { creditUnionId, kind },
      order: { version: 'DESC' },
      take: limit,
    });
  }

  /** Every kind's published version and open draft, for the list. */
  async all(creditUnionId: string): Promise<NoticeTemplate[]> {
    const templates = await this.templates(creditUnionId);
    return templates
      .createQueryBuilder('t')
      .where('t.creditUnionId = :creditUnionId', { creditUnionId })
      .andWhere(
        `t.version = (SELECT MAX(p.version) FROM notice_template p WHERE p.credit_union_id = t.credit_union_id AND p.kind = t.kind AND p.status = t.status)`,
      )
      .getMany();
  }

  async nextVersion(
    creditUnionId: string,
    kind: NoticeKind,
    manager: EntityManager,
  ): Promise<number> {
    const row = await manager
      .getRepository(NoticeTemplate)
      .createQueryBuilder('t')
      .select('MAX(t.version)', 'max')
      .where('t.creditUnionId = :creditUnionId AND t.kind = :kind', {
        creditUnionId,
        kind,
      })
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0) + 1;
  }
}
