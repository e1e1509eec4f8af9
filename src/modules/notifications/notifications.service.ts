import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { MailTransport } from '../../infrastructure/mail/mail-transport';
import { Metrics } from '../../infrastructure/metrics/metrics';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import type { Role } from '../identity/role';
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
        const items: { number: string; title: string; public: boolean; reference: string | null }[] = await this.dataSource.query(
          `SELECT i.number, i.title, i.public, p.reference FROM agenda_item i LEFT JOIN paper p ON p.id = i.paper_id
           WHERE i.meeting_id = $1 AND i.status <> 'removed' ORDER BY i.public DESC, i.position`,
          [job.subjectId],
        );
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
        const [org] = await this.dataSource.query(`SELECT name FROM organization WHERE id = $1`, [p.organizationId]);
        return { content: { kind, paper, organizationName: org?.name ?? '', result: String(p.result) }, addressees: await this.user(createdBy) };
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
    const [row] = await this.dataSource.query(
      `SELECT m.start, m.location, m.snapshot, o.name FROM meeting m JOIN organization o ON o.id = m.organization_id WHERE m.id = $1`,
      [id],
    );
    if (!row) throw new Error(`meeting ${id} not found`);
    return { meeting: { organizationName: row.name, start: new Date(row.start).toISOString(), location: row.location }, context: row.snapshot.context };
  }

  private async paper(id: string): Promise<{ paper: PaperRef; createdBy: string; context: PaperContext }> {
    const [row] = await this.dataSource.query(`SELECT reference, title, created_by, snapshot FROM paper WHERE id = $1`, [id]);
    if (!row) throw new Error(`paper ${id} not found`);
    return { paper: { reference: row.reference, title: row.title }, createdBy: row.created_by, context: row.snapshot.context };
  }

  /** A stored Beschlussauszug: what its mail says, where it goes, and the stored bytes to attach. */
  private async extract(bodyId: string, id: string): Promise<{ extract: ExtractRef; mailbox: string | null; attachment: MailAttachment }> {
    const [row]: {
      title: string;
      item_number: string;
      public: boolean;
      paper_reference: string | null;
      paper_subject: string;
      responsible_unit: string | null;
      mailbox: string | null;
      format: 'html' | 'pdf';
      content: Buffer;
      sha256: string;
    }[] = await this.dataSource.query(
      `SELECT title, item_number, public, paper_reference, paper_subject, responsible_unit, mailbox, format, content, sha256
       FROM decision_extract WHERE id = $1 AND body_id = $2`,
      [id, bodyId],
    );
    if (!row) throw new Error(`decision extract ${id} not found`);
    return {
      extract: {
        title: row.title,
        itemNumber: row.item_number,
        public: row.public,
        paper: { reference: row.paper_reference, title: row.paper_subject },
        unit: row.responsible_unit,
        sha256: row.sha256,
      },
      mailbox: row.mailbox,
      attachment: {
        filename: `beschlussauszug-top-${row.item_number.replace(/[^0-9A-Za-z.]+/g, '-')}.${row.format}`,
        contentType: row.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
        content: row.content,
      },
    };
  }

  private async task(id: string): Promise<TaskRef> {
    const [row] = await this.dataSource.query(
      `SELECT t.title, t.kind, t.department, u.display_name AS assignee, p.reference, p.title AS paper_title
       FROM task t JOIN paper p ON p.id = t.paper_id LEFT JOIN user_account u ON u.id = t.assignee_id WHERE t.id = $1`,
      [id],
    );
    if (!row) throw new Error(`task ${id} not found`);
    return {
      title: row.title,
      kindLabel: TASK_KIND_LABELS[row.kind as TaskKind] ?? row.kind,
      paper: { reference: row.reference, title: row.paper_title },
      assigneeName: row.assignee,
      department: row.department,
    };
  }

  private to(bodyId: string, to: { role?: string; userId?: string; personId?: string } | undefined): Promise<Addressee[]> {
    if (to?.role) return this.usersWithRole(bodyId, to.role);
    if (to?.userId) return this.user(to.userId);
    if (to?.personId) return this.person(to.personId);
    throw new Error('notification without recipients');
  }

  private async usersWithRole(bodyId: string, role: string): Promise<Addressee[]> {
    const rows: { id: string; display_name: string; email: string | null }[] = await this.dataSource.query(
      `SELECT u.id, u.display_name, u.email FROM user_account u JOIN role_assignment ra ON ra.user_id = u.id
       WHERE ra.body_id = $1 AND ra.role = $2 AND u.active ORDER BY u.username`,
      [bodyId, role],
    );
    return rows.map((u) => ({ key: `user:${u.id}`, name: u.display_name, email: u.email }));
  }

  private async user(id: string): Promise<Addressee[]> {
    const rows: { id: string; display_name: string; email: string | null }[] = await this.dataSource.query(
      `SELECT id, display_name, email FROM user_account WHERE id = $1 AND active`,
      [id],
    );
    return rows.map((u) => ({ key: `user:${u.id}`, name: u.display_name, email: u.email }));
  }

  private async person(id: string): Promise<Addressee[]> {
    const rows: { id: string; name: string; email: string | null }[] = await this.dataSource.query(
      `SELECT id, concat_ws(' ', form_of_address, title, given_name, family_name) AS name, email FROM person WHERE id = $1`,
      [id],
    );
    return rows.map((p) => ({ key: `person:${p.id}`, name: p.name, email: p.email }));
  }
}
