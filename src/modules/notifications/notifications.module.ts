import * as path from 'node:path';
import { BullModule } from '@nestjs/bullmq';
import { Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { LocalMailTransport } from '../../infrastructure/mail/local-mail-transport';
import { MailTransport } from '../../infrastructure/mail/mail-transport';
import { SmtpMailTransport } from '../../infrastructure/mail/smtp-mail-transport';
import { QueueCounts } from '../../infrastructure/queue/queue-counts';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { OutboxHandlers } from '../../workflow/outbox/outbox-handlers';
import { BodiesModule } from '../bodies/bodies.module';
import { IdentityModule } from '../identity/identity.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PapersModule } from '../papers/papers.module';
import { TasksModule } from '../tasks/tasks.module';
import { AdminController } from './admin.controller';
import { LocalMail } from './local-mail.entity';
import { NotificationLog } from './notification-log.service';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

/**
 * Mail: over SMTP_URL, or — without it (embedded mode) — into a local mailbox an
 * admin can read (`GET /admin/mail`: its own body's mail; the operator's: all) and .eml
 * files under DATA_DIR/mail.
 */
const mailTransport = {
  provide: MailTransport,
  inject: [APP_CONFIG, getDataSourceToken()],
  useFactory: (config: AppConfig, dataSource: DataSource): MailTransport =>
    config.smtpUrl
      ? new SmtpMailTransport(config.smtpUrl)
      : new LocalMailTransport(path.join(config.dataDir, 'mail'), async (stored) => {
          await dataSource.query(
            `INSERT INTO local_mail (message_id, "to", subject, raw, file, body_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id) DO NOTHING`,
            [stored.messageId, stored.to, stored.subject, stored.raw, stored.file, stored.bodyId],
          );
        }),
};

@Module({
  imports: [
    TypeOrmModule.forFeature([Notification, LocalMail]),
    BullModule.registerQueue({ name: QueueName.Outbox }, { name: QueueName.Deadlines }, { name: QueueName.System }),
    IdentityModule,
    BodiesModule,
    PapersModule,
    MeetingsModule,
    TasksModule,
  ],
  controllers: [AdminController],
  providers: [mailTransport, NotificationsService, NotificationLog, QueueCounts],
  exports: [NotificationsService],
})
export class NotificationsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly handlers: OutboxHandlers,
    private readonly notifications: NotificationsService,
    private readonly transport: MailTransport,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }

  onModuleInit(): void {
    this.handlers.register('notify', (job, attempt) => this.notifications.deliver(job, attempt));
  }
}
