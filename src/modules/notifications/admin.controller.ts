import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import { OutboxRelay } from '../../workflow/outbox/outbox-relay.service';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { NOTIFICATION_STATUSES, type NotificationStatus } from './notification.entity';

class NotificationsQuery {
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/**
 * The body whose rows the caller sees: its own, or — for the deployment's operator —
 * every body's (null). Whatever is not the caller's is 404, as if it did not exist.
 */
const scopeOf = (user: AuthUser): string | null => (user.roles.includes('operator') ? null : user.bodyId);

/**
 * The notification log and its dead letters, the local mailbox, the queues. A body's
 * admin sees its own body's notifications and mail; the operator sees all of them
 * (each row names its body). The queues are shared by every body and their jobs
 * carry ids only: a body admin gets the job counts, nothing per job (the dashboard,
 * with per-job views, is the operator's: src/infrastructure/queue/queue-dashboard.ts).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin', 'operator')
@Controller('admin')
export class AdminController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @InjectQueue(QueueName.Outbox) private readonly outbox: Queue,
    @InjectQueue(QueueName.Deadlines) private readonly deadlines: Queue,
    @InjectQueue(QueueName.System) private readonly system: Queue,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: "The notification log of the caller's body (the operator: every body's), newest first; status=failed lists the dead letters" })
  notifications(@CurrentUser() user: AuthUser, @Query() query: NotificationsQuery) {
    return this.dataSource.query(
      `SELECT id, body_id AS "bodyId", outbox_id AS "outboxId", kind, recipient_key AS "recipientKey", recipient_name AS "recipientName",
         recipient_email AS "recipientEmail", subject, status, attempts, last_error AS "lastError", message_id AS "messageId",
         created_at AS "createdAt", sent_at AS "sentAt"
       FROM notification WHERE ($1::uuid IS NULL OR body_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC LIMIT 500`,
      [scopeOf(user), query.status ?? null],
    );
  }

  @Post('notifications/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed notification again (its outbox row runs once more; others already sent are skipped)' })
  async retry(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    const [n] = await this.dataSource.query(`SELECT id, outbox_id, status FROM notification WHERE id = $1 AND ($2::uuid IS NULL OR body_id = $2)`, [
      id,
      scopeOf(user),
    ]);
    if (!n) throw new NotFoundError('Notification', id);
    if (n.status !== 'failed') throw new BadInputError(`Only a failed notification can be retried; this one is ${n.status}`);
    await this.dataSource.query(`UPDATE notification SET status = 'pending' WHERE id = $1`, [id]);
    await this.relay.requeue(n.outbox_id);
    return { id, status: 'pending' };
  }

  @Get('mail')
  @ApiOperation({ summary: "The local mailbox (embedded mode without SMTP_URL) of the caller's body (the operator: all), newest first" })
  mail(@CurrentUser() user: AuthUser) {
    return this.dataSource.query(
      `SELECT id, body_id AS "bodyId", message_id AS "messageId", "to", subject, file, created_at AS "createdAt" FROM local_mail
       WHERE ($1::uuid IS NULL OR body_id = $1) ORDER BY created_at DESC LIMIT 500`,
      [scopeOf(user)],
    );
  }

  @Get('mail/:id')
  @Header('Content-Type', 'message/rfc822')
  @ApiProduces('message/rfc822')
  @ApiOperation({ summary: "One local mail as the .eml it was stored as (404 when not of the caller's body)" })
  async mailMessage(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    const [row] = await this.dataSource.query(`SELECT raw FROM local_mail WHERE id = $1 AND ($2::uuid IS NULL OR body_id = $2)`, [id, scopeOf(user)]);
    if (!row) throw new NotFoundError('Mail', id);
    return row.raw as string;
  }

  @Get('queues')
  @ApiOperation({ summary: 'Job counts per queue and state, all bodies together (either queue backend); counts only' })
  async queues() {
    const out: Record<string, Record<string, number>> = {};
    for (const queue of [this.outbox, this.deadlines, this.system]) out[queue.name] = await queue.getJobCounts(...JOB_STATES);
    return out;
  }
}
