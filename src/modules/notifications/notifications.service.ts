import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { MailTransport } from '../../infrastructure/mail/mail-transport';
import { Metrics } from '../../infrastructure/metrics/metrics';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import { OrganizationsService } from '../bodies/organizations.service';
import { PersonsService } from '../bodies/persons.service';
import type { Role } from '../identity/role';
import { UsersService } from '../identity/users.service';
import { DecisionExtractsService } from '../meetings/decision-extracts.service';
import { MeetingsService } from '../meetings/meetings.service';
import { PapersService } from '../papers/papers.service';
import { TasksService } from '../tasks/tasks.service';
import type { MeetingContext } from '../meetings/meeting.types';
import type { PaperContext } from '../papers/paper.types';
import { TASK_KIND_LABELS } from '../tasks/task-labels';
import type { TaskKind } from '../tasks/task.types';
import type { ExtractRef, MailAttachment, MeetingRef, NotificationContent, PaperRef, Recipient, TaskRef } from './notification.types';
import { renderNotification } from './templates/render-notification';
import { Notification } from './notification.entity';

/** A person or user to tell, before we know whether they have an address. */
interface Addressee {
  key: string;
  name: string;
  email: string | null;
}

export const ROLE_LABELS: Record<Role, string> = {
  clerk: 'Sachbearbeitung',
  department_head: 'Fachbereichsleitung',
  district_director: 'Kreisdirektor',
  district_administrator: 'Landrat',
  committee_office: 'Sitzungsdienst',
  auditor: 'Rechnungsprüfung',
  admin: 'Administration',
  operator: 'Systembetrieb',
};

/**
 * Turns a `notify` outbox row into German mails, one per recipient, and logs each in
 * `notification`. Idempotent per outbox id and recipient: a retried job skips whoever
 * was already sent to, so a retry after a crash or an SMTP error sends each mail once
 * (the row is marked right after the SMTP server accepted the message); two runs of
 * the same row at once take each recipient in turn (its row is locked while its mail is
 * handed over). After the last attempt the recipients still unsent are marked `failed`
 * (dead letters).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly persons: PersonsService,
    private readonly organizations: OrganizationsService,
    private readonly papers: PapersService,
    private readonly meetings: MeetingsService,
    private readonly extracts: DecisionExtractsService,
    private readonly tasks: TasksService,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {}

  /** Mail sent to a user of the body since a time, newest first: the inbox's reminders. */
  async recentFor(bodyId: string, userId: string, since: Date) {
    const rows = await this.dataSource.getRepository(Notification).find({
      where: { bodyId, recipientKey: `user:${userId}`, createdAt: MoreThanOrEqual(since) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: 50,
    });
    return rows.map((n) => ({ id: n.id, kind: n.kind, subject: n.subject, status: n.status, at: (n.sentAt ?? n.createdAt).toISOString() }));
  }

  async deliver(job: OutboxJob, attempt: { number: number; last: boolean }): Promise<void> {
    const { content, addressees, attachments } = await this.resolve(job);
    const errors: unknown[] = [];
    for (const a of addressees) {
      const recipient: Recipient = { name: a.name, email: a.email ?? '' };
      const mail = renderNotification(content, recipient, {});
      const messageId = `<${job.id}.${createHash('sha1').update(a.key).digest('hex').slice(0, 12)}@ratsweg>`;
      await this.dataSource.query(
        `INSERT INTO notification (body_id, outbox_id, recipient_key, recipient_name, recipient_email, kind, subject, message_id, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (outbox_id, recipient_key) DO NOTHING`,
        [job.bodyId, job.id, a.key, a.name, a.email, content.kind, mail.subject, messageId, a.email ? 'pending' : 'skipped'],
      );
      if (!a.email) continue;
      // The recipient's row stays locked while its mail is handed over: a run of the same
      // outbox row at the same time (an admin's retry clicked twice, a stalled job taken up
      // again) waits, then finds it sent (or, if this send failed, tries itself).
      const error = await this.dataSource.transaction(async (m) => {
        const [row]: { id: string; status: string }[] = await m.query(
          `SELECT id, status FROM notification WHERE outbox_id = $1 AND recipient_key = $2 FOR UPDATE`,
          [job.id, a.key],
        );
        if (row.status === 'sent' || row.status === 'skipped') return undefined;
        try {
          await this.transport.send({ ...mail, from: this.config.mailFrom, to: recipient, messageId, bodyId: job.bodyId, ...(attachments && { attachments }) });
        } catch (error) {
          this.metrics.mailFailed.inc({ kind: content.kind, final: String(attempt.last) });
          await m.query(`UPDATE notification SET status = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1`, [
            row.id,
            attempt.last ? 'failed' : 'pending',
            String((error as Error)?.message ?? error).slice(0, 2000),
          ]);
          return error ?? new Error('mail not accepted');
        }
        await m.query(`UPDATE notification SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [row.id]);
        this.metrics.mailSent.inc({ kind: content.kind });
        return undefined;
      });
      if (error) errors.push(error);
    }
    if (errors.length) {
      this.logger.warn({ outboxId: job.id, failed: errors.length, attempt: attempt.number, last: attempt.last }, 'mail not accepted');
      throw errors[0];
    }
  }

  /** Who is told what: the outbox payload plus what the database knows now (a stored document sent along). */
  private async resolve(job: OutboxJob): Promise<{ content: NotificationContent; addressees: Addressee[]; attachments?: MailAttachment[] }> {
    const p = job.payload as Record<string, any>;
    const kind = String(p.kind);
    switch (kind) {
      case 'meetingInvitation':
      case 'meetingCancelled':
      case 'meetingRescheduled': {
        const { meeting, context } = await this.meeting(job.subjectId);
        const to = await this.person(String(p.personId));
        if (kind === 'meetingCancelled') return { content: { kind, meeting, reason: context.cancellation?.reason ?? '' }, addressees: to };
        if (kind === 'meetingRescheduled') {
          const last = context.reschedules.at(-1);
          return { content: { kind, meeting, previousStart: last?.fromStart ?? meeting.start, reason: last?.reason ?? '' }, addressees: to };
        }
        const items = await this.meetings.agendaLines(job.subjectId);
        return {
          content: {
            kind,
            meeting,
            urgent: context.invitation?.urgent ?? false,
            ...(context.invitation?.reason && { reason: context.invitation.reason }),
            publicItems: items.filter((i) => i.public).map((i) => [i.number, i.reference && `Vorlage ${i.reference}`, i.title].filter(Boolean).join(' ')),
            nonPublicItemCount: items.filter((i) => !i.public).length,
          },
          addressees: to,
        };
      }
      case 'invitationDue': {
        const { meeting } = await this.meeting(job.subjectId);
        return { content: { kind, meeting, lastDay: String(p.lastDay) }, addressees: await this.to(job.bodyId, p.to) };
      }
      case 'documentsDue': {
        const { meeting } = await this.meeting(job.subjectId);
        const { paper } = await this.paper(String(p.paperId));
        return { content: { kind, meeting, paper, paperState: String(p.paperState) }, addressees: await this.to(job.bodyId, p.to) };
      }
      case 'signOffRequested':
      case 'signOffRejected': {
        const { paper, createdBy } = await this.paper(job.subjectId);
        const roleLabel = ROLE_LABELS[p.role as Role] ?? String(p.role);
        if (kind === 'signOffRequested') return { content: { kind, paper, roleLabel }, addressees: await this.usersWithRole(job.bodyId, p.role) };
        return { content: { kind, paper, roleLabel, reason: String(p.reason ?? '') }, addressees: await this.user(createdBy) };
      }
      case 'released': {
        const { paper, createdBy } = await this.paper(job.subjectId);
        return { content: { kind, paper }, addressees: await this.user(createdBy) };
      }
      case 'resultRecorded': {
        const { paper, createdBy } = await this.paper(job.subjectId);
        const organizationName = await this.organizations.name(String(p.organizationId));
        return { content: { kind, paper, organizationName, result: String(p.result) }, addressees: await this.user(createdBy) };
      }
      case 'decisionChallenged': {
        const { paper, context } = await this.paper(job.subjectId);
        const record = p.procedure === 'objection' ? context.objection : context.contest;
        const byName = [record?.name ?? ROLE_LABELS.district_administrator, record?.deputy ? '(i.V.)' : ''].filter(Boolean).join(' ');
        return {
          content: {
            kind,
            paper,
            procedure: p.procedure === 'objection' ? 'objection' : 'contest',
            reason: String(p.reason ?? ''),
            byName,
            ...(p.procedure === 'objection' && context.objection && { earliestSessionDay: context.objection.earliestSessionDay, latestSessionDay: context.objection.latestSessionDay }),
          },
          addressees: await this.usersWithRole(job.bodyId, 'committee_office'),
        };
      }
      case 'supervisionRequired': {
        const { paper } = await this.paper(job.subjectId);
        return { content: { kind, paper }, addressees: await this.usersWithRole(job.bodyId, 'district_administrator') };
      }
      case 'signOffWaiting':
      case 'signOffEscalation': {
        const { paper } = await this.paper(job.subjectId);
        return {
          content: { kind, paper, roleLabel: ROLE_LABELS[p.role as Role] ?? String(p.role), waitingSince: String(p.since), workingDays: Number(p.workingDays) },
          addressees: await this.to(job.bodyId, p.to),
        };
      }
      case 'urgentDecisionApproval': {
        const { paper, context } = await this.paper(job.subjectId);
        const next = p.meetingId ? (await this.meeting(String(p.meetingId))).meeting : null;
        return {
          content: { kind, paper, decidedAt: context.urgentDecision?.at ?? job.createdAt, nextMeeting: next },
          addressees: await this.to(job.bodyId, p.to),
        };
      }
      case 'taskDueSoon':
      case 'taskOverdue':
        return { content: { kind, task: await this.task(job.subjectId), dueDate: String(p.dueDate) }, addressees: await this.to(job.bodyId, p.to) };
      case 'decisionExtract':
      case 'decisionExtractUndeliverable': {
        const { extract, mailbox, attachment } = await this.extract(job.bodyId, String(p.extractId));
        // The mailbox as recorded at signing: the extract goes where the body's data said then.
        const addressees =
          kind === 'decisionExtract'
            ? [{ key: `unit:${extract.unit}`, name: extract.unit ?? 'Organisationseinheit', email: mailbox }]
            : await this.to(job.bodyId, p.to);
        return { content: { kind, extract }, addressees, attachments: [attachment] };
      }
      default:
        throw new Error(`unknown notification kind ${kind}`);
    }
  }

  private async meeting(id: string): Promise<{ meeting: MeetingRef; context: MeetingContext }> {
    const notice = await this.meetings.notice(id);
    if (!notice) throw new Error(`meeting ${id} not found`);
    return { meeting: { organizationName: notice.organizationName, start: notice.start, location: notice.location }, context: notice.context };
  }

  private async paper(id: string): Promise<{ paper: PaperRef; createdBy: string; context: PaperContext }> {
    const notice = await this.papers.notice(id);
    if (!notice) throw new Error(`paper ${id} not found`);
    return { paper: { reference: notice.reference, title: notice.title }, createdBy: notice.createdBy, context: notice.context };
  }

  /** A stored Beschlussauszug: what its mail says, where it goes, and the stored bytes to attach. */
  private async extract(bodyId: string, id: string): Promise<{ extract: ExtractRef; mailbox: string | null; attachment: MailAttachment }> {
    const row = await this.extracts.stored(bodyId, id);
    if (!row) throw new Error(`decision extract ${id} not found`);
    return {
      extract: {
        title: row.title,
        itemNumber: row.itemNumber,
        public: row.public,
        paper: { reference: row.paperReference, title: row.paperSubject },
        unit: row.responsibleUnit,
        sha256: row.sha256,
      },
      mailbox: row.mailbox,
      attachment: {
        filename: `beschlussauszug-top-${row.itemNumber.replace(/[^0-9A-Za-z.]+/g, '-')}.${row.format}`,
        contentType: row.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
        content: row.content,
      },
    };
  }

  private async task(id: string): Promise<TaskRef> {
    const task = await this.tasks.notice(id);
    if (!task) throw new Error(`task ${id} not found`);
    const { paper } = await this.paper(task.paperId);
    return {
      title: task.title,
      kindLabel: TASK_KIND_LABELS[task.kind as TaskKind] ?? task.kind,
      paper,
      assigneeName: task.assigneeName,
      department: task.department,
    };
  }

  private to(bodyId: string, to: { role?: string; userId?: string; personId?: string } | undefined): Promise<Addressee[]> {
    if (to?.role) return this.usersWithRole(bodyId, to.role);
    if (to?.userId) return this.user(to.userId);
    if (to?.personId) return this.person(to.personId);
    throw new Error('notification without recipients');
  }

  private async usersWithRole(bodyId: string, role: string): Promise<Addressee[]> {
    return (await this.users.withRole(bodyId, role)).map((u) => ({ key: `user:${u.id}`, name: u.displayName, email: u.email }));
  }

  private async user(id: string): Promise<Addressee[]> {
    const u = await this.users.activeContact(id);
    return u ? [{ key: `user:${u.id}`, name: u.displayName, email: u.email }] : [];
  }

  private async person(id: string): Promise<Addressee[]> {
    const p = await this.persons.contact(id);
    return p ? [{ key: `person:${p.id}`, name: p.name, email: p.email }] : [];
  }
}
