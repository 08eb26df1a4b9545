import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { NoticeScheduler } from './dispatch/notice-scheduler';
import { SmtpEndpoint } from './mail/mailer';
import { NoticesModule } from './notices.module';

/** At API start: the in-process SMTP server is up from the first moment (demo mailbox). */
@Injectable()
class LocalSmtpAtBoot implements OnApplicationBootstrap {
  constructor(private readonly endpoint: SmtpEndpoint) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.endpoint.usesLocalServer) await this.endpoint.localServer();
  }
}

/** The notices of the API process: NoticesModule plus the daily run and background sender (`NOTICE_WORKER`). */
@Module({
  imports: [NoticesModule],
  providers: [NoticeScheduler, LocalSmtpAtBoot],
})
export class NoticeWorkerModule {}
