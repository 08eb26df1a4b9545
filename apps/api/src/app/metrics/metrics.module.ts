import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { OperationalGauges } from './operational-gauges';
import { OperationalGaugesRepository } from './operational-gauges.repository';

/** Prometheus metrics of this process (global: other modules count into {@link Metrics}). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, OperationalGauges, OperationalGaugesRepository],
  exports: [Metrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
