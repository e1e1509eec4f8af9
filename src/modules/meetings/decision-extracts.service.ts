import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../../shared/domain-error';
import { insertOutbox } from '../../workflow/outbox/insert-outbox';
import { UnitMailboxesService } from '../bodies/unit-mailboxes.service';
import { PapersService } from '../papers/papers.service';
import { DecisionExtract, type ExtractFormat } from './decision-extract.entity';
import { extractTitle, renderDecisionExtractHtml } from './documents/decision-extract-html';
import { berlinDate, berlinMidnight } from './invitation-period';
import type { SignedMinutes } from './meeting-documents.service';
import { Meeting } from './meeting.entity';
import type { AgendaItemDocument, DecisionExtractDocument } from './meeting.types';
import { MeetingsService } from './meetings.service';

/** An extract in the list: what it is and where it went, without its content. */
export interface DecisionExtractView {
  id: string;
  title: string;
  agendaItemId: string;
  itemNumber: string;
  public: boolean;
  paperId: string;
  paperReference: string | null;
  paperSubject: string;
  responsibleUnit: string | null;
  /** Where it was sent at signing; null: nowhere (no unit, or the unit had no mailbox): the committee office was told. */
  mailbox: string | null;
  format: ExtractFormat;
  sha256: string;
  minutesSha256: string;
  createdAt: string;
}

export const EXTRACT_CONTENT_TYPES: Readonly<Record<ExtractFormat, string>> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * Beschlussauszüge: when the minutes are signed (§ 37 KrO NRW), one extract per decided
 * item that carries a paper, cut in the signing transaction from the facts the frozen
 * minutes were rendered from, stored with its hash (never re-rendered), and sent to the
 * mailbox of the paper's responsible unit through the outbox. No unit or no mailbox: the
 * extract is stored all the same and the committee office is told it was not sent.
 *
 * HTML only: the minutes are HTML, and an extract takes the formats of its minutes.
 */
@Injectable()
export class DecisionExtractsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly papers: PapersService,
    private readonly mailboxes: UnitMailboxesService,
  ) {}

  /** In the signing transaction; `seq` is the meeting version the signature made (the outbox rows' cause). */
  async freeze(m: EntityManager, meeting: Meeting, seq: number, minutes: SignedMinutes): Promise<void> {
    const decided = minutes.document.items.filter(
      (i): i is AgendaItemDocument & { id: string; paperId: string } => i.status === 'decided' && !!i.id && !!i.paperId,
    );
    const signatures = minutes.document.signatures;
    if (decided.length === 0 || !signatures) return;
    const papers = await this.papers.facts(m, meeting.bodyId, decided.map((i) => i.paperId));
    const organization = await this.meetings.organization(m, meeting.bodyId, meeting.organizationId);
    const meetingNumber = `${organization.shortName}/${await this.meetingNumber(m, meeting)}`;
    for (const item of decided) {
      const paper = papers.get(item.paperId);
      if (!paper) throw new Error(`paper ${item.paperId} of TOP ${item.number} is not in body ${meeting.bodyId}`);
      const unit = paper.responsibleUnit?.trim() || null;
      const mailbox = unit ? ((await this.mailboxes.mailbox(meeting.bodyId, unit, m)) ?? null) : null;
      const doc: DecisionExtractDocument = {
        bodyName: minutes.document.bodyName,
        organizationName: minutes.document.organizationName,
        meetingStart: minutes.document.start,
        meetingNumber,
        location: minutes.document.location,
        item: {
          number: item.number,
          title: item.title,
          public: item.public,
          result: item.result,
          votes: item.votes,
          decisionText: item.decisionText,
          biased: item.biased,
        },
        paper: { reference: paper.reference, title: paper.title, responsibleUnit: unit },
        signatures,
        minutesSha256: minutes.sha256,
        generatedAt: minutes.generatedAt,
      };
      const content = Buffer.from(renderDecisionExtractHtml(doc), 'utf8');
      const id = randomUUID();
      await m.insert(DecisionExtract, {
        id,
        bodyId: meeting.bodyId,
        meetingId: meeting.id,
        agendaItemId: item.id,
        paperId: item.paperId,
        title: extractTitle(doc),
        paperReference: paper.reference,
        paperSubject: paper.title,
        itemNumber: item.number,
        public: item.public,
        responsibleUnit: unit,
        mailbox,
        format: 'html',
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
        minutesSha256: minutes.sha256,
      });
      // Never silent: without a mailbox the committee office learns that it was not sent.
      const payload = mailbox
        ? { kind: 'decisionExtract', extractId: id }
        : { kind: 'decisionExtractUndeliverable', extractId: id, to: { role: 'committee_office' } };
      await insertOutbox(m, { bodyId: meeting.bodyId, subjectType: 'meeting', subjectId: meeting.id, kind: 'notify', payload, causedBySeq: seq });
    }
  }

  /** The meeting's extracts, by TOP; another body's meeting is 404. */
  async list(bodyId: string, meetingId: string): Promise<DecisionExtractView[]> {
    const m = this.dataSource.manager;
    await this.meetings.meeting(m, bodyId, meetingId);
    const rows = await m.find(DecisionExtract, {
      where: { bodyId, meetingId },
      select: {
        id: true,
        title: true,
        agendaItemId: true,
        itemNumber: true,
        public: true,
        paperId: true,
        paperReference: true,
        paperSubject: true,
        responsibleUnit: true,
        mailbox: true,
        format: true,
        sha256: true,
        minutesSha256: true,
        createdAt: true,
      },
    });
    return rows.sort((a, b) => compareItemNumbers(a.itemNumber, b.itemNumber) || a.format.localeCompare(b.format)).map(view);
  }

  /** One extract as stored, for its mail (the notifications module): what it is, where it went, its bytes. */
  stored(bodyId: string, id: string): Promise<DecisionExtract | null> {
    return this.dataSource.manager.findOne(DecisionExtract, { where: { id, bodyId } });
  }

  /** One extract as stored: its bytes, format and hash. */
  async document(bodyId: string, meetingId: string, extractId: string): Promise<{ content: Buffer; format: ExtractFormat; sha256: string; itemNumber: string }> {
    const m = this.dataSource.manager;
    await this.meetings.meeting(m, bodyId, meetingId);
    const row = await m.findOne(DecisionExtract, { where: { id: extractId, meetingId, bodyId } });
    if (!row) throw new NotFoundError('Decision extract', extractId);
    return { content: row.content, format: row.format, sha256: row.sha256, itemNumber: row.itemNumber };
  }

  /**
   * The meeting's place among its organization's sessions of the same Berlin year, by start
   * (cancelled ones not counted): "2021/3". Counted once, at signing; the extract keeps it.
   */
  private async meetingNumber(m: EntityManager, meeting: Meeting): Promise<string> {
    const year = berlinDate(meeting.start).slice(0, 4);
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM meeting
       WHERE body_id = $1 AND organization_id = $2 AND NOT cancelled AND start >= $3 AND start <= $4`,
      [meeting.bodyId, meeting.organizationId, berlinMidnight(`${year}-01-01`), meeting.start],
    );
    return `${year}/${n}`;
  }
}

function view(row: DecisionExtract): DecisionExtractView {
  return {
    id: row.id,
    title: row.title,
    agendaItemId: row.agendaItemId,
    itemNumber: row.itemNumber,
    public: row.public,
    paperId: row.paperId,
    paperReference: row.paperReference,
    paperSubject: row.paperSubject,
    responsibleUnit: row.responsibleUnit,
    mailbox: row.mailbox,
    format: row.format,
    sha256: row.sha256,
    minutesSha256: row.minutesSha256,
    createdAt: row.createdAt.toISOString(),
  };
}

/** TOP numbers in agenda order: "2" < "2.a" < "10". */
function compareItemNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'de', { numeric: true });
}
