import { BullModule } from '@nestjs/bullmq';
import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { QueueName } from '../queue/queue-names';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { InfrastructureMetrics } from './infrastructure-metrics';
import { Metrics } from './metrics';

/**
 * The app's one Metrics registry, for every layer to record into (global). The
 * endpoint that serves it is `GET /metrics` in `modules/metrics` (it needs the
 * identity module's role check, which infrastructure may not import).
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Outbox }, { name: QueueName.Deadlines }, { name: QueueName.System })],
  providers: [
    {
      provide: Metrics,
      useFactory: () => {
        const metrics = new Metrics();
        metrics.collectProcessMetrics();
        return metrics;
      },
    },
    InfrastructureMetrics,
    HttpMetricsMiddleware,
  ],
  exports: [Metrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
