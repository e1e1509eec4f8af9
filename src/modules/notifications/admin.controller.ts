import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { NOTIFICATION_STATUSES, type NotificationStatus } from './notification.entity';

class NotificationsQuery {
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** Operators: the notification log and its dead letters, the local mailbox, the queues. Admin only. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Outbox) private readonly outbox: Queue,
    @InjectQueue(QueueName.Deadlines) private readonly deadlines: Queue,
    @InjectQueue(QueueName.System) private readonly system: Queue,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: 'The notification log, newest first; status=failed lists the dead letters' })
  notifications(@CurrentUser() user: AuthUser, @Query() query: NotificationsQuery) {
    return this.dataSource.query(
      `SELECT id, outbox_id AS "outboxId", kind, recipient_key AS "recipientKey", recipient_name AS "recipientName",
         recipient_email AS "recipientEmail", subject, status, attempts, last_error AS "lastError", message_id AS "messageId",
         created_at AS "createdAt", sent_at AS "sentAt"
       FROM notification WHERE body_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC LIMIT 500`,
      [user.bodyId, query.status ?? null],
    );
  }

  @Post('notifications/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed notification again (its outbox row runs once more; others already sent are skipped)' })
  async retry(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    const [n] = await this.dataSource.query(`SELECT id, outbox_id, status FROM notification WHERE id = $1 AND body_id = $2`, [id, user.bodyId]);
    if (!n) throw new NotFoundError('Notification', id);
    if (n.status !== 'failed') throw new BadInputError(`Only a failed notification can be retried; this one is ${n.status}`);
    const [o] = await this.dataSource.query(
      `SELECT id, body_id, subject_type, subject_id, kind, payload, caused_by_seq, created_at FROM outbox_message WHERE id = $1`,
      [n.outbox_id],
    );
    await this.dataSource.query(`UPDATE notification SET status = 'pending' WHERE id = $1`, [id]);
    await this.outbox.add(
      o.kind,
      {
        id: o.id,
        bodyId: o.body_id,
        subjectType: o.subject_type,
        subjectId: o.subject_id,
        kind: o.kind,
        payload: o.payload,
        causedBySeq: o.caused_by_seq,
        createdAt: new Date(o.created_at).toISOString(),
      },
      { jobId: `${o.id}-retry-${Date.now()}` },
    );
    return { id, status: 'pending' };
  }

  @Get('mail')
  @ApiOperation({ summary: 'The local mailbox (embedded mode without SMTP_URL), newest first' })
  mail() {
    return this.dataSource.query(
      `SELECT id, message_id AS "messageId", "to", subject, file, created_at AS "createdAt" FROM local_mail ORDER BY created_at DESC LIMIT 500`,
    );
  }

  @Get('mail/:id')
  @Header('Content-Type', 'message/rfc822')
  @ApiProduces('message/rfc822')
  @ApiOperation({ summary: 'One local mail as the .eml it was stored as' })
  async mailMessage(@Param('id', new ParseUUIDPipe()) id: string) {
    const [row] = await this.dataSource.query(`SELECT raw FROM local_mail WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('Mail', id);
    return row.raw as string;
  }

  @Get('queues')
  @ApiOperation({ summary: 'Job counts per queue and state (either queue backend)' })
  async queues() {
    const out: Record<string, Record<string, number>> = {};
    for (const queue of [this.outbox, this.deadlines, this.system]) out[queue.name] = await queue.getJobCounts(...JOB_STATES);
    return out;
  }
}
