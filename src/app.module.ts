import { DynamicModule, Module } from '@nestjs/common';
import { DemoModule } from './demo/demo.module';
import { AppConfig } from './infrastructure/config/app-config';
import { ConfigModule } from './infrastructure/config/config.module';
import { DatabaseModule } from './infrastructure/database/database.module';
import { MetricsModule } from './infrastructure/metrics/metrics.module';
import { LoggingModule } from './infrastructure/logging/logging.module';
import { QueueModule } from './infrastructure/queue/queue.module';
import { ClockModule } from './infrastructure/clock/clock.module';
import { BodiesModule } from './modules/bodies/bodies.module';
import { MetricsApiModule } from './modules/metrics/metrics-api.module';
import { HealthModule } from './modules/health/health.module';
import { IdentityModule } from './modules/identity/identity.module';
import { DeadlinesModule } from './modules/deadlines/deadlines.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { TasksModule } from './modules/tasks/tasks.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OutboxModule } from './workflow/outbox/outbox.module';
import { PapersModule } from './modules/papers/papers.module';
import { InboxModule } from './modules/inbox/inbox.module';

@Module({})
export class AppModule {
  /** The whole application for one resolved configuration (main.ts, e2e tests). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        LoggingModule,
        DatabaseModule,
        QueueModule,
        MetricsModule,
        IdentityModule,
        BodiesModule,
        PapersModule,
        MeetingsModule,
        TasksModule,
        OutboxModule,
        DeadlinesModule,
        NotificationsModule,
        InboxModule,
        HealthModule,
        MetricsApiModule,
        DemoModule,
      ],
    };
  }
}
