import { Injectable } from '@nestjs/common';
import { Clock } from '../../infrastructure/clock/clock';
import { hasAnyRole } from '../identity/auth.guard';
import type { AuthUser } from '../identity/auth-user';
import { addDays, berlinDate } from '../meetings/invitation-period';
import { MeetingsService } from '../meetings/meetings.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PaperEventsService } from '../papers/paper-events.service';
import { PapersService } from '../papers/papers.service';
import { TasksService } from '../tasks/tasks.service';
import type { InboxResponse } from './dto/inbox.response';

/** Tasks due within this many days, and mail of this many days, count as waiting. */
export const INBOX_HORIZON_DAYS = 14;

/**
 * "Mein Eingang": what waits for the caller, composed from what the owning modules
 * export (no table of its own). Whether a Vorlage waits for the caller's signature is
 * the papers module's own answer (`allowed` contains SIGN), so the inbox never
 * disagrees with the buttons on the Vorlage.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly papers: PapersService,
    private readonly paperEvents: PaperEventsService,
    private readonly meetings: MeetingsService,
    private readonly tasks: TasksService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async inbox(user: AuthUser): Promise<InboxResponse> {
    const now = this.clock.now();
    const today = berlinDate(now);
    const drafts = hasAnyRole(user, ['clerk']) ? await this.papers.inState(user.bodyId, 'draft', user.id) : [];
    const toSign = [];
    for (const paper of await this.papers.inState(user.bodyId, 'signOff')) {
      if ((await this.paperEvents.allowed(user, user.bodyId, paper.id)).includes('SIGN')) toSign.push(paper);
    }
    const meetings = hasAnyRole(user, ['committee_office']) ? await this.meetings.toPrepare(user.bodyId, today) : [];
    const horizon = addDays(today, INBOX_HORIZON_DAYS);
    const clerk = user.roles.includes('clerk');
    const tasks = (await this.tasks.list(user.bodyId, { outcome: 'open' }))
      .filter((t) => t.assigneeId === user.id || (t.assigneeId === null && clerk))
      .filter((t) => t.dueDate !== null && t.dueDate <= horizon)
      .map(({ id, paperId, kind, title, state, dueDate, overdue }) => ({ id, paperId, kind, title, state, dueDate, overdue }));
    const since = new Date(now.getTime() - INBOX_HORIZON_DAYS * 86_400_000);
    const reminders = await this.notifications.recentFor(user.bodyId, user.id, since);
    const list = <T>(items: T[]) => ({ count: items.length, items });
    return {
      drafts: list(drafts),
      toSign: list(toSign),
      meetingsToPrepare: list(meetings),
      tasksDue: list(tasks),
      reminders: list(reminders),
    };
  }
}
