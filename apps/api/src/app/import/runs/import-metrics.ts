import { Injectable } from '@nestjs/common';
import { Metrics, Reading } from '../../metrics/metrics';
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
    metrics.readGauge(
      'certdesk_import_runs',
      'Customer imports in 取込履歴 by source (upload, inbox) and status',
      ['source', 'status'],
      async () => [
        ...['upload', 'inbox'].flatMap((source) =>
          STATUSES.map((status): Reading<'source' | 'status'> => [
            { source, status },
            0,
          ]),
        ),
        ...(await runs.countsBySourceAndStatus()).map(
          (row): Reading<'source' | 'status'> => [
            { source: row.source, status: row.status },
            row.n,
          ],
        ),
      ],
    );
    metrics.readGauge(
      'certdesk_import_inbox_last_finished_seconds',
      'Unix time of the last inbox file finished, by status (applied, failed, duplicate)',
      ['status'],
      async () =>
        (await runs.lastInboxFinish()).map((row): Reading<'status'> => [
          { status: row.status },
          row.at.getTime() / 1000,
        ]),
    );
  }
}
