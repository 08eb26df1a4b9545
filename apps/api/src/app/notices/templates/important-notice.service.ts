import { Injectable, Logger } from '@nestjs/common';
import { lifecycleStatus } from '@certdesk/domain';
import {
  DEFAULT_RENEWAL_URL,
  DEFAULT_TEMPLATES,
  describeTemplateError,
  noticeContext,
  RenderedNotice,
  renderNotice,
} from '@certdesk/notice-templates';
import { IbUserRepository } from '../../customers/ib-user.repository';
import { Clock } from '../../infra/clock/clock';
import { policyOf } from '../schedule/notice-schedule.service';
import { noticeFactsOf } from './notice-facts';
import { NoticeTemplateStore } from './notice-template.repository';
import { renderUnstarved } from './render-unstarved';
import { lifecycleInputOf } from '../../customers/ib-user-lifecycle';

/** The 重要なお知らせ entry of the IB channel, rendered from the credit union's published template. */
export interface ImportantNotice {
  kind: 'important_notice_renewal';
  title: string;
  /** Escaped HTML with the 「電子証明書の更新はこちら」 link. */
  html: string;
  text: string;
  /** The published version used; 0 when it failed to render and the shipped wording was shown. */
  templateVersion: number;
}

/**
 * For the IB channel (its own authentication identifies the IB user): the renewal notice shown on
 * every log-on while the certificate is `renewal_due`, or null.
 */
@Injectable()
export class ImportantNoticeService {
  private readonly logger = new Logger(ImportantNoticeService.name);

  constructor(
    private readonly ibUsers: IbUserRepository,
    private readonly store: NoticeTemplateStore,
    private readonly clock: Clock,
  ) {}

  async renewalNotice(
    ibUserId: string,
    renewalUrl = DEFAULT_RENEWAL_URL,
  ): Promise<ImportantNotice | null> {
    const ibUser = await this.ibUsers.byId(ibUserId);
    if (!ibUser) return null;
    const cu = await this.ibUsers.creditUnionOf(ibUser);
    const today = this.clock.today();
    const status = lifecycleStatus(
      lifecycleInputOf(ibUser),
      today,
      policyOf(cu),
    );
    if (status !== 'renewal_due') return null;
    const customer = await this.ibUsers.customerOf(ibUser);
    const template = await this.store.published(
      cu.id,
      'important_notice_renewal',
    );
    const kind = 'important_notice_renewal';
    const context = noticeContext(
      kind,
      noticeFactsOf(cu, customer, ibUser, today),
    );
    let rendered: RenderedNotice;
    let version = template.version;
    try {
      rendered = renderUnstarved(() =>
        renderNotice(kind, template, context, renewalUrl),
      );
    } catch (error) {
      // A version saved before today's checks (e.g. too slow: stopped at RENDER_LIMIT_MS): the
      // customer still gets the notice, in the shipped wording (version 0), and staff a log line.
      this.logger.error(
        `重要なお知らせ template v${template.version} of credit union ${cu.code} failed; shipped wording used: ${describeTemplateError(error)}`,
      );
      rendered = renderNotice(
        kind,
        DEFAULT_TEMPLATES[kind],
        context,
        renewalUrl,
      );
      version = 0;
    }
    return {
      kind,
      title: rendered.subject,
      html: rendered.html ?? '',
      text: rendered.text,
      templateVersion: version,
    };
  }
}
