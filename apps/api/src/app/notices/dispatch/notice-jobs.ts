import { Injectable } from '@nestjs/common';
import { BackgroundJobs } from '../../infra/jobs/background-jobs';

/**
 * Background work of the notice feature (runs, drains) outside any request (see BackgroundJobs).
 * Once shutdown has begun it starts nothing more: the outbox keeps the work for the next process.
 */
@Injectable()
export class NoticeJobs extends BackgroundJobs {
  constructor() {
    super('NoticeJobs', true);
  }
}
