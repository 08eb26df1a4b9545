import { Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';

/** One value of a gauge: its labels and the number. */
export type Reading<L extends string> = [Partial<Record<L, string>>, number];

/**
 * This process's Prometheus registry (one per application, so that several apps in one test
 * process do not collide): the request-duration histogram, the log-in failure counter, the
 * default process metrics, and the gauges {@link OperationalGauges} reads from the database.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'certdesk_http_request_duration_seconds',
    help: 'Duration of HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly loginFailures = new Counter({
    name: 'certdesk_login_failures_total',
    help: 'Failed staff log-ins in this process, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly beforeScrape: (() => void)[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Runs `read` at the start of every scrape, before any gauge collects: what must be read before
   * the scrape's own queries queue for the database (the pool), whatever order the gauges were registered in.
   */
  onScrape(read: () => void): void {
    this.beforeScrape.push(read);
  }

  /**
   * A gauge read again at each scrape (from the database: the same in every process): its values
   * are dropped, then `read`'s readings set in order (a later reading of the same labels wins, e.g.
   * over the zeros listed first).
   */
  readGauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: () => Promise<Reading<L>[]>,
  ): void {
    const gauge: Gauge<L> = new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect: async () => {
        gauge.reset();
        for (const [labels, value] of await read()) gauge.set(labels, value);
      },
    });
  }

  /** The whole registry in the Prometheus text format. */
  render(): Promise<string> {
    for (const read of this.beforeScrape) read();
    return this.registry.metrics();
  }
}
