import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { configureQueueBackend } from './queue-backend';
import { QueueName } from './queue-names';
import { QueueHealthIndicator } from './queue.health';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => configureQueueBackend(config),
    }),
    BullModule.registerQueue({ name: QueueName.System }),
    TerminusModule,
  ],
  providers: [QueueHealthIndicator],
  exports: [BullModule, QueueHealthIndicator],
})
export class QueueModule {}
