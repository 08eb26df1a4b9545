import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type {
  NoticeTemplateDetail,
  NoticeTemplateDiff,
  NoticeTemplateSummary,
} from '@certdesk/contracts';
import {
  diffLines,
  isNoticeKind,
  NOTICE_FILTERS,
  NOTICE_KIND_INFO,
  NOTICE_KINDS,
  NoticeKind,
  TEMPLATE_LIMITS,
  validateTemplate,
  variablesFor,
} from '@certdesk/notice-templates';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../infra/clock/clock';
import { Transactions } from '../../infra/database/transactions';
import { AppError } from '../../infra/http/app-error';
import { currentPrincipal, notFound } from '../../infra/tenancy/tenant';
import { TenantScope } from '../../infra/tenancy/tenant-scope';
import { isUniqueViolation } from '../../infra/database/unique-violation';
import { NoticeTemplate } from './notice-template.entity';
import {
  NoticeTemplateStore,
  toVersionView,
} from './notice-template.repository';
import { SaveDraftDto } from './notice-template.dto';

/** A kind from the URL, or the same 404 as a missing row. */
export function kindOrNotFound(kind: string): NoticeKind {
  if (!isNoticeKind(kind)) throw notFound();
  return kind;
}

/** How the list and the editor name a kind: its channel, label and description. */
function kindHeading(
  kind: NoticeKind,
): Pick<NoticeTemplateSummary, 'kind' | 'channel' | 'label' | 'description'> {
  const info = NOTICE_KIND_INFO[kind];
  return {
    kind,
    channel: info.channel,
    label: info.label,
    description: info.description,
  };
}

/**
 * Notice templates of the signed-in staff member's credit union: list, editor data, draft save
 * (validated), discard, diff against the published version, publish. Every change is audited.
 */
@Injectable()
export class NoticeTemplatesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tenant: TenantScope,
    private readonly store: NoticeTemplateStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<NoticeTemplateSummary[]> {
    const rows = await this.store.all(this.tenant.creditUnionId);
    return NOTICE_KINDS.map((kind) => {
      const published = rows.find(
        (t) => t.kind === kind && t.status === 'published',
      );
      const draft = rows.find((t) => t.kind === kind && t.status === 'draft');
      return {
        ...kindHeading(kind),
        publishedVersion: published?.version ?? 0,
        publishedAt: published?.publishedAt?.toISOString() ?? null,
        publishedBy: published?.publishedBy ?? null,
        draftVersion: draft?.version ?? null,
        draftUpdatedAt: draft?.updatedAt.toISOString() ?? null,
      };
    });
  }

  async detail(kindParam: string): Promise<NoticeTemplateDetail> {
    const kind = kindOrNotFound(kindParam);
    const creditUnionId = this.tenant.creditUnionId;
    const [published, draft, history] = await Promise.all([
      this.store.published(creditUnionId, kind),
      this.store.draft(creditUnionId, kind),
      this.store.history(creditUnionId, kind),
    ]);
    return {
      ...kindHeading(kind),
      published: toVersionView(published),
      draft: draft ? toVersionView(draft) : null,
      history: history.map(toVersionView),
      variables: variablesFor(kind).map(
        ({ name, label, description, type, example }) => ({
          name,
          label,
          description,
          type,
          example,
        }),
      ),
      filters: [...NOTICE_FILTERS],
      limits: {
        subjectMaxLength: TEMPLATE_LIMITS.subjectMaxLength,
        bodyMaxLength: TEMPLATE_LIMITS.bodyMaxLength,
      },
    };
  }

  /** Saves the text as the open draft (a new version when there is none); refused with every reason. */
  async saveDraft(
    kindParam: string,
    dto: SaveDraftDto,
  ): Promise<NoticeTemplateDetail> {
    const kind = kindOrNotFound(kindParam);
    const problems = validateTemplate(kind, dto);
    if (problems.length > 0) {
      throw new AppError(
        'template_invalid',
        `テンプレートを保存できません: ${problems[0].reason}`,
        problems,
      );
    }
    const creditUnionId = this.tenant.creditUnionId;
    const username = currentPrincipal().username;
    const now = this.clock.now();
    await this.store.ensureDefaults(creditUnionId);
    try {
      await this.transactions.run(async (manager) => {
        const repo = this.tenant.repository(NoticeTemplate, manager);
        const draft = await this.store.draft(creditUnionId, kind, manager);
        let version: number;
        if (draft) {
          version = draft.version;
          await repo.update(draft.id, {
            subject: dto.subject,
            body: dto.body,
            updatedAt: now,
            createdBy: username,
          });
        } else {
          version = await this.store.nextVersion(creditUnionId, kind, manager);
          await repo.insert({
            id: randomUUID(),
            kind,
            version,
            status: 'draft',
            subject: dto.subject,
            body: dto.body,
            createdAt: now,
            createdBy: username,
            updatedAt: now,
            publishedAt: null,
            publishedBy: null,
          });
        }
        await this.record(
          manager,
          'notice_template.save_draft',
          kind,
          version,
          { subjectLength: dto.subject.length, bodyLength: dto.body.length },
        );
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('template_edit_conflict');
      throw error;
    }
    return this.detail(kind);
  }

  async discardDraft(kindParam: string): Promise<NoticeTemplateDetail> {
    const kind = kindOrNotFound(kindParam);
    await this.transactions.run(async (manager) => {
      const draft = await this.store.draft(
        this.tenant.creditUnionId,
        kind,
        manager,
      );
      if (!draft) throw new AppError('no_draft_to_discard');
      await this.tenant.repository(NoticeTemplate, manager).delete(draft.id);
      await this.record(
        manager,
        'notice_template.discard_draft',
        kind,
        draft.version,
        {},
      );
    });
    return this.detail(kind);
  }

  /** The open draft becomes the version in use; sent notices keep pointing at the versions they used. */
  async publish(kindParam: string): Promise<NoticeTemplateDetail> {
    const kind = kindOrNotFound(kindParam);
    const creditUnionId = this.tenant.creditUnionId;
    const username = currentPrincipal().username;
    await this.transactions.run(async (manager) => {
      const [draft, published] = [
        await this.store.draft(creditUnionId, kind, manager),
        await this.store.published(creditUnionId, kind, manager),
      ];
      if (!draft) throw new AppError('no_draft_to_publish');
      // The text was valid when saved; the catalogue may have changed since.
      const problems = validateTemplate(kind, draft);
      if (problems.length > 0)
        throw new AppError(
          'template_invalid',
          `公開できません: ${problems[0].reason}`,
          problems,
        );
      const now = this.clock.now();
      const done = await manager.getRepository(NoticeTemplate).update(
        { id: draft.id, creditUnionId, status: 'draft' },
        {
          status: 'published',
          publishedAt: now,
          publishedBy: username,
          updatedAt: now,
        },
      );
      if (!done.affected) throw new AppError('template_edit_conflict');
      await this.record(
        manager,
        'notice_template.publish',
        kind,
        draft.version,
        { previousVersion: published.version },
      );
    });
    return this.detail(kind);
  }

  async diff(kindParam: string): Promise<NoticeTemplateDiff> {
    const kind = kindOrNotFound(kindParam);
    const creditUnionId = this.tenant.creditUnionId;
    const [published, draft] = await Promise.all([
      this.store.published(creditUnionId, kind),
      this.store.draft(creditUnionId, kind),
    ]);
    const next = draft ?? published;
    const subject = diffLines(published.subject, next.subject);
    const body = diffLines(published.body, next.body);
    return {
      kind,
      publishedVersion: published.version,
      draftVersion: draft?.version ?? null,
      changed: [...subject, ...body].some((line) => line.op !== 'equal'),
      subject,
      body,
    };
  }

  private async record(
    manager: EntityManager,
    action: string,
    kind: NoticeKind,
    version: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.recordIn(manager, {
      action,
      outcome: 'success',
      targetType: 'notice_template',
      targetId: kind,
      details: { kind, version, ...details },
    });
  }
}
