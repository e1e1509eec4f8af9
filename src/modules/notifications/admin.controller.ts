import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { QueueCounts } from '../../infrastructure/queue/queue-counts';
import type { AuthUser } from '../identity/auth-user';
import { CurrentUser, Roles } from '../identity/decorators';
import { NotificationLog } from './notification-log.service';
import { NOTIFICATION_STATUSES, type NotificationStatus } from './notification.entity';

class NotificationsQuery {
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;
}

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
    private readonly log: NotificationLog,
    private readonly queueCounts: QueueCounts,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: "The notification log of the caller's body (the operator: every body's), newest first; status=failed lists the dead letters" })
  notifications(@CurrentUser() user: AuthUser, @Query() query: NotificationsQuery) {
    return this.log.notifications(scopeOf(user), query.status);
  }

  @Post('notifications/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed notification again (its outbox row runs once more; others already sent are skipped)' })
  retry(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.log.retry(scopeOf(user), id);
  }

  @Get('mail')
  @ApiOperation({ summary: "The local mailbox (embedded mode without SMTP_URL) of the caller's body (the operator: all), newest first" })
  mail(@CurrentUser() user: AuthUser) {
    return this.log.mail(scopeOf(user));
  }

  @Get('mail/:id')
  @Header('Content-Type', 'message/rfc822')
  @ApiProduces('message/rfc822')
  @ApiOperation({ summary: "One local mail as the .eml it was stored as (404 when not of the caller's body)" })
  mailMessage(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.log.mailMessage(scopeOf(user), id);
  }

  @Get('queues')
  @ApiOperation({ summary: 'Job counts per queue and state, all bodies together (either queue backend); counts only' })
  queues() {
    return this.queueCounts.counts();
  }
}
