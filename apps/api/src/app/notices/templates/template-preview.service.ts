import { Injectable } from '@nestjs/common';
import type { NoticeTemplatePreview } from '@certdesk/contracts';
import {
  NOTICE_KIND_INFO,
  NoticeFacts,
  noticeContext,
  renderNotice,
  sampleFacts,
  TemplateProblem,
  validateTemplate,
  describeTemplateError,
} from '@certdesk/notice-templates';
import { Customer } from '../../customers/customer.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { Clock } from '../../infra/clock/clock';
import { TenantScope } from '../../infra/tenancy/tenant-scope';
import { creditUnionFacts, noticeFactsOf, recipientOf } from './notice-facts';
import { NoticeTemplateStore } from './notice-template.repository';
import { PreviewDto } from './notice-template.dto';
import { kindOrNotFound } from './notice-templates.service';

const NO_CERTIFICATE =
  'このIB利用者には電子証明書がないため、有効期限に関する変数を差し込めません。サンプルデータで確認してください';

/**
 * Renders a template as it would go out: unsaved editor text or a saved version, with sample data
 * or with a real IB user of the staff member's own credit union (another's answers 404).
 */
@Injectable()
export class TemplatePreviewService {
  constructor(
    private readonly tenant: TenantScope,
    private readonly store: NoticeTemplateStore,
    private readonly clock: Clock,
  ) {}

  async preview(
    kindParam: string,
    dto: PreviewDto,
  ): Promise<NoticeTemplatePreview> {
    const kind = kindOrNotFound(kindParam);
    const creditUnionId = this.tenant.creditUnionId;
    const today = this.clock.today();
    const cu = await this.tenant.creditUnion();
    const saved =
      dto.source === 'published'
        ? null
        : await this.store.draft(creditUnionId, kind);
    const version = saved ?? (await this.store.published(creditUnionId, kind));
    const edited = dto.subject !== undefined || dto.body !== undefined;
    const source = {
      subject: dto.subject ?? version.subject,
      body: dto.body ?? version.body,
    };

    let facts: NoticeFacts = sampleFacts(kind, today, creditUnionFacts(cu));
    let person: NoticeTemplatePreview['ibUser'] = null;
    let recipient: string | null = null;
    if (dto.ibUserId) {
      const ibUser = await this.tenant
        .repository(IbUser)
        .findOrNotFound(dto.ibUserId);
      const customer = await this.tenant
        .repository(Customer)
        .findOrNotFound(ibUser.customerId);
      facts = noticeFactsOf(
        cu,
        customer,
        ibUser,
        today,
        kind === 'reissue_ready'
          ? sampleFacts(kind, today, facts.creditUnion).acquisitionDeadline
          : null,
      );
      person = {
        id: ibUser.id,
        name: ibUser.name,
        ibRole: ibUser.ibRole,
        companyName: customer.companyName,
      };
      recipient = recipientOf(ibUser, customer);
    }
    const problems: TemplateProblem[] = edited
      ? validateTemplate(kind, source)
      : [];
    const base = {
      kind,
      channel: NOTICE_KIND_INFO[kind].channel,
      templateVersion: edited ? null : version.version,
      sample: !dto.ibUserId,
      ibUser: person,
      recipient,
      today,
    };
    if (kind !== 'reissue_ready' && !facts.expiryDate) {
      return {
        ...base,
        subject: '',
        text: '',
        html: null,
        values: {},
        problems: [...problems, { field: 'ibUserId', reason: NO_CERTIFICATE }],
      };
    }
    const values = noticeContext(kind, facts);
    try {
      const rendered = renderNotice(kind, source, values);
      return { ...base, ...rendered, values, problems };
    } catch (error) {
      const reason = describeTemplateError(error);
      return {
        ...base,
        subject: '',
        text: '',
        html: null,
        values,
        problems: problems.length ? problems : [{ field: 'body', reason }],
      };
    }
  }
}
