import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Metrics } from '../../metrics/metrics';
import { ImportRunRepository } from './import-run.repository';

const STATUSES = [
  'planned',
  'rejected',
  'applying',
  'applied',
  'failed',
  'cancelled',
  'duplicate',
] as const;

/** 取込 in `/api/metrics`, read from the database at each scrape (the same in every process). */
@Injectable()
export class ImportMetrics {
  constructor(metrics: Metrics, runs: ImportRunRepository) {
    const registers = [metrics.registry];
    const total = new Gauge({
      name: 'certdesk_import_runs',
      help: 'Customer imports in 取込履歴 by source (upload, inbox) and status',
      labelNames: ['source', 'status'] as const,
      registers,
      collect: async () => {
        total.reset();
        for (const source of ['upload', 'inbox'])
          for (const status of STATUSES) total.set({ source, status }, 0);
        for (const row of await runs.countsBySourceAndStatus())
          total.set({ source: row.source, status: row.status }, row.n);
      },
    });
    const last = new Gauge({
      name: 'certdesk_import_inbox_last_finished_seconds',
      help: 'Unix time of the last inbox file finished, by status (applied, failed, duplicate)',
      labelNames: ['status'] as const,
      registers,
      collect: async () => {
        last.reset();
        for (const row of await runs.lastInboxFinish())
          last.set({ status: row.status }, row.at.getTime() / 1000);
      },
    });
  }
}
