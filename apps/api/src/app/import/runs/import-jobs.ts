import { Injectable } from '@nestjs/common';
import { BackgroundJobs } from '../../infra/jobs/background-jobs';

/**
 * Imports applied in the background (a 100,000-line file takes a while): detached from the request
 * that started them (see BackgroundJobs). An import started while shutting down still runs, and
 * shutdown waits for it.
 */
@Injectable()
export class ImportJobs extends BackgroundJobs {
  constructor() {
    super('ImportJobs', false);
  }
}
