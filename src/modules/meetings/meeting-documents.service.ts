import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { AccessService } from '../identity/access.service';
import { OrganizationsService } from '../bodies/organizations.service';
import { PersonsService } from '../bodies/persons.service';
import { AgendaItem } from './agenda-item.entity';
import { Amendment } from './amendment.entity';
import { amendmentLabel } from './amendment-label';
import { Attendance } from './attendance.entity';
import { renderAgendaHtml } from './documents/agenda-html';
import { renderAgendaPdf } from './documents/agenda-pdf';
import { renderMeetingsIcs } from './documents/meetings-ics';
import { renderMinutesHtml, withApprovalNote } from './documents/minutes-html';
import { MeetingMinutes, type MinutesPart } from './meeting-minutes.entity';
import { Meeting } from './meeting.entity';
import type { AgendaItemDocument, BiasEntry, CalendarMeeting, MeetingDocument } from './meeting.types';
import { MeetingsService } from './meetings.service';

/** The Befangenheit of an item with reasons; rows from before reasons existed list the persons only. */
function biasOf(i: AgendaItem): BiasEntry[] {
  const withReason = new Map(i.bias.map((b) => [b.personId, b]));
  return i.biasedPersonIds.map((personId) => withReason.get(personId) ?? { personId, reason: null });
}

/** The domain part of calendar UIDs: stable, so calendar clients recognise a meeting across feeds. */
const CALENDAR_UID_HOST = 'ratsweg.de';

export type AgendaPart = 'all' | 'public';

/** Signed minutes as frozen: the facts rendered, the full part's SHA-256, the instant of signing. */
export interface SignedMinutes {
  document: MeetingDocument;
  sha256: string;
  generatedAt: string;
}
export type AgendaVersion = 'current' | 'invited';

/**
 * The German documents of a meeting: agenda (HTML, PDF), minutes, and an
 * organization's calendar. Non-public items are dropped by the renderers for the
 * public part; the calendar only ever carries public items.
 */
@Injectable()
export class MeetingDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly organizations: OrganizationsService,
    private readonly persons: PersonsService,
  ) {}

  async agendaHtml(bodyId: string, meetingId: string, part: AgendaPart, version: AgendaVersion): Promise<string> {
    return renderAgendaHtml(await this.document(bodyId, meetingId, version), { part, version });
  }

  async agendaPdf(bodyId: string, meetingId: string, part: AgendaPart, version: AgendaVersion): Promise<Buffer> {
    return renderAgendaPdf(await this.document(bodyId, meetingId, version), { part });
  }

  /**
   * The Niederschrift: once signed, the stored document (approved, else signed) with its
   * SHA-256; before that a draft rendered from the live tables, without a hash.
   */
  async minutesHtml(bodyId: string, meetingId: string, part: AgendaPart = 'all'): Promise<{ html: string; sha256: string | null }> {
    const m = this.dataSource.manager;
    await this.meetings.meeting(m, bodyId, meetingId);
    const stored = await m.find(MeetingMinutes, { where: { meetingId, part } });
    const frozen = stored.find((s) => s.stage === 'approved') ?? stored.find((s) => s.stage === 'signed');
    if (frozen) return { html: frozen.html, sha256: frozen.sha256 };
    const html = renderMinutesHtml(await this.document(bodyId, meetingId, 'current'), { generatedAt: this.clock.now().toISOString(), part });
    return { html, sha256: null };
  }

  /**
   * Freezes the signed minutes, both parts, in the signing transaction: rendered this once,
   * stored with their hash. Returns the facts they were rendered from and the full part's
   * hash, for the Beschlussauszüge cut from them in the same transaction.
   */
  async freezeSigned(m: EntityManager, bodyId: string, meetingId: string): Promise<SignedMinutes> {
    const doc = await this.document(bodyId, meetingId, 'current', m);
    const generatedAt = this.clock.now().toISOString();
    let sha256 = '';
    for (const part of ['all', 'public'] as const) {
      const stored = await this.store(m, meetingId, 'signed', part, renderMinutesHtml(doc, { generatedAt, part }));
      if (part === 'all') sha256 = stored;
    }
    return { document: doc, sha256, generatedAt };
  }

  /** The approved minutes: the stored signed record with the approval note and the Einwendungen. */
  async freezeApproved(m: EntityManager, meetingId: string, approval: { at: string; objections?: string | null }): Promise<void> {
    const signed = await m.find(MeetingMinutes, { where: { meetingId, stage: 'signed' } });
    for (const row of signed) await this.store(m, meetingId, 'approved', row.part, withApprovalNote(row.html, approval));
  }

  private async store(m: EntityManager, meetingId: string, stage: 'signed' | 'approved', part: MinutesPart, html: string): Promise<string> {
    const sha256 = createHash('sha256').update(html, 'utf8').digest('hex');
    await m.insert(MeetingMinutes, { meetingId, stage, part, html, sha256 });
    return sha256;
  }

  async calendar(bodyId: string, organizationId: string): Promise<string> {
    const m = this.dataSource.manager;
    const organization = await this.meetings.organization(m, bodyId, organizationId);
    const meetings = await m.find(Meeting, { where: { bodyId, organizationId }, order: { start: 'ASC' } });
    const items = meetings.length
      ? await m.find(AgendaItem, { where: { meetingId: In(meetings.map((x) => x.id)), public: true }, order: { position: 'ASC' } })
      : [];
    const references = await this.meetings.paperReferences(m, items.map((i) => i.paperId).filter((p): p is string => p !== null));
    const entries: CalendarMeeting[] = meetings.map((meeting) => ({
      id: meeting.id,
      organizationName: organization.name,
      start: meeting.start.toISOString(),
      end: meeting.end?.toISOString() ?? null,
      location: meeting.location,
      cancelled: meeting.cancelled,
      publicItems: items
        .filter((i) => i.meetingId === meeting.id && i.status !== 'removed')
        .map((i) => {
          const reference = i.paperId ? references.get(i.paperId)?.reference : null;
          return [i.number, reference, i.title].filter(Boolean).join(' ');
        }),
      sequence: meeting.version,
      updatedAt: meeting.updatedAt.toISOString(),
    }));
    return renderMeetingsIcs(`Sitzungen ${organization.name}`, entries, {
      now: this.clock.now().toISOString(),
      host: CALENDAR_UID_HOST,
    });
  }

  private async document(bodyId: string, meetingId: string, version: AgendaVersion, m: EntityManager = this.dataSource.manager): Promise<MeetingDocument> {
    const meeting = await this.meetings.meeting(m, bodyId, meetingId);
    const context = this.meetings.context(meeting);
    const organization = await this.meetings.organization(m, bodyId, meeting.organizationId);
    const bodyName = await this.organizations.bodyName(bodyId, m);
    const rows = await this.meetings.items(m, meetingId);
    const references = await this.meetings.paperReferences(m, rows.map((i) => i.paperId).filter((p): p is string => p !== null));
    const attendance = await m.find(Attendance, { where: { meetingId } });
    const seats = await this.meetings.seats(m, meeting.organizationId, meeting.start);
    const personIds = [...new Set([...attendance.flatMap((a) => [a.personId, a.substituteForPersonId]), ...rows.flatMap((i) => i.biasedPersonIds)])].filter(
      (p): p is string => !!p,
    );
    const persons = await this.persons.names(personIds, { manager: m });
    const name = (id: string) => {
      const p = persons.find((x) => x.id === id);
      return p ? [p.title, p.givenName, p.familyName].filter(Boolean).join(' ') : id;
    };
    /** With the form of address, as the minutes name a person in a sentence ("Herr Landrat Bodo Klimpel"). */
    const addressed = (id: string) => {
      const p = persons.find((x) => x.id === id);
      return p ? [p.formOfAddress, p.title, p.givenName, p.familyName].filter(Boolean).join(' ') : id;
    };
    const amendments = await m.find(Amendment, { where: { meetingId }, order: { number: 'ASC' } });
    let items: AgendaItemDocument[] = rows.map((i) => ({
      id: i.id,
      paperId: i.paperId,
      number: i.number,
      title: i.title,
      public: i.public,
      paperReference: i.paperId ? (references.get(i.paperId)?.reference ?? null) : null,
      reporter: i.reporter,
      lateAddition: i.lateAddition,
      urgentReason: i.urgentReason,
      status: i.status,
      result: i.result,
      votes: i.votes,
      decisionText: i.decisionText,
      biased: biasOf(i).map((b) => ({ name: addressed(b.personId), reason: b.reason })),
      secondSummons: i.secondSummons,
      amendments: amendments
        .filter((a) => a.agendaItemId === i.id)
        .map((a) => ({ label: amendmentLabel(a), text: a.text, change: a.change, state: a.state, votes: a.votes, withdrawnReason: a.withdrawnReason })),
    }));
    if (version === 'invited' && meeting.invitedAgenda) {
      // The agenda as the invitation sent it: its numbers and titles, nothing decided yet.
      items = meeting.invitedAgenda.map((f) => {
        const row = rows.find((r) => r.id === f.id);
        return {
          number: f.number,
          title: f.title,
          public: f.public,
          paperReference: f.paperId ? (references.get(f.paperId)?.reference ?? null) : null,
          reporter: row?.reporter ?? null,
          lateAddition: false,
          urgentReason: null,
          status: 'open',
          biased: [],
          secondSummons: row?.secondSummons ?? false,
        };
      });
    }
    // Everyone with a seat appears, present or not; stand-ins appear with whom they replaced.
    const recorded = new Map(attendance.map((a) => [a.personId, a]));
    const attendanceDoc = [
      ...seats
        .filter((s) => s.role !== 'substitute' || recorded.get(s.personId)?.present)
        .map((s) => {
          const a = recorded.get(s.personId);
          return { name: s.name, present: a?.present ?? false, substituteFor: a?.substituteForPersonId ? name(a.substituteForPersonId) : null };
        }),
    ];
    return {
      bodyName,
      organizationName: organization.name,
      start: meeting.start.toISOString(),
      end: meeting.end?.toISOString() ?? null,
      location: meeting.location,
      state: meeting.state,
      cancelledReason: context.cancellation?.reason ?? null,
      invitedAt: context.invitation?.at ?? null,
      urgentInvitationReason: context.invitation?.urgent ? (context.invitation.reason ?? null) : null,
      items,
      attendance: attendance.length ? attendanceDoc : [],
      openedAt: context.openedAt ?? null,
      closedAt: context.closedAt ?? null,
      minutesApprovedAt: context.minutesApproval?.at ?? null,
      signatures: await this.signatures(context.minutesSignatures),
    };
  }

  /** Both signatures with the signers' user names; null until both have signed. */
  private async signatures(signed: ReturnType<MeetingsService['context']>['minutesSignatures']): Promise<MeetingDocument['signatures']> {
    if (!signed?.chair || !signed.recorder) return null;
    const view = async (s: { userId: string; at: string }) => ({ name: (await this.access.current(s.userId))?.username ?? s.userId, at: s.at });
    return { chair: await view(signed.chair), recorder: await view(signed.recorder) };
  }
}
