import { Module } from '@nestjs/common';
import { TenancyModule } from '../infra/tenancy/tenancy.module';
import { NoticeJobs } from './dispatch/notice-jobs';
import { NoticePlanner } from './dispatch/notice-planner';
import { NoticeRunsController } from './dispatch/notice-runs.controller';
import { NoticeRunsService } from './dispatch/notice-runs.service';
import { NoticeSender } from './dispatch/notice-sender';
import { OutboxStore } from './dispatch/notice-outbox.repository';
import { ReissueNoticeQueue } from './dispatch/reissue-notice';
import { NoticeLogController } from './delivery/notice-log.controller';
import { NoticeLogService } from './delivery/notice-log.service';
import { MailboxController } from './mail/mailbox.controller';
import { Mailer, SmtpEndpoint } from './mail/mailer';
import { NoticeScheduleController } from './schedule/notice-schedule.controller';
import { NoticeScheduleService } from './schedule/notice-schedule.service';
import { ImportantNoticeService } from './templates/important-notice.service';
import { NoticeTemplateStore } from './templates/notice-template.repository';
import { NoticeTemplatesController } from './templates/notice-templates.controller';
import { NoticeTemplatesService } from './templates/notice-templates.service';
import { TemplatePreviewService } from './templates/template-preview.service';

/**
 * Notice templates, schedule, dispatch (planner, outbox sender, runs), the delivery log and the
 * local SMTP server — without the background worker (NoticeWorkerModule adds it for the API), so
 * the CLI can use it too. Exports what other features use: the 重要なお知らせ renderer for the IB
 * channel and the reissue-ready queue for the reissue approval.
 */
import { CreditUnionRepository } from '../credit-unions/credit-union.repository';
import { IbUserRepository } from '../customers/ib-user.repository';
import { NoticeCandidateRepository } from './dispatch/notice-candidate.repository';
import { NoticeRunRepository } from './dispatch/notice-run.repository';
@Module({
  imports: [TenancyModule],
  controllers: [
    NoticeTemplatesController,
    NoticeScheduleController,
    NoticeRunsController,
    NoticeLogController,
    MailboxController,
  ],
  providers: [
    SmtpEndpoint,
    Mailer,
    NoticeJobs,
    NoticeTemplateStore,
    NoticeTemplatesService,
    TemplatePreviewService,
    ImportantNoticeService,
    NoticeScheduleService,
    OutboxStore,
    NoticeCandidateRepository,
    NoticeRunRepository,
    IbUserRepository,
    CreditUnionRepository,
    NoticePlanner,
    NoticeSender,
    NoticeRunsService,
    ReissueNoticeQueue,
    NoticeLogService,
  ],
  exports: [
    ImportantNoticeService,
    ReissueNoticeQueue,
    NoticeRunsService,
    NoticeSender,
    NoticeJobs,
    SmtpEndpoint,
  ],
})
export class NoticesModule {}
