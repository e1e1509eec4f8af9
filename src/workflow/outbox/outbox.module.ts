import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { OutboxHandlers } from './outbox-handlers';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxProcessor } from './outbox.processor';

/** The outbox relay and the worker that hands relayed rows to their handlers (one instance per app). */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Outbox })],
  providers: [OutboxHandlers, OutboxRelay, OutboxProcessor],
  exports: [OutboxHandlers, OutboxRelay],
})
export class OutboxModule {}
