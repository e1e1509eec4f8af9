import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { retryingTransaction } from '../../infrastructure/database/retrying-transaction';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import { voteProblems, type VoteCount } from '../../shared/vote-rules';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { PersonsService } from '../bodies/persons.service';
import { PaperEventsService } from '../papers/paper-events.service';
import type { PaperContext } from '../papers/paper.types';
import { AgendaItem } from './agenda-item.entity';
import { Amendment } from './amendment.entity';
import { amendmentLabel } from './amendment-label';
import { berlinDate } from './invitation-period';
import type { Meeting } from './meeting.entity';
import type { AmendedBy } from '../papers/paper.types';
import type { RecordItemResultDto } from './dto/agenda-item.dto';
import { AgendaConflictError } from './meeting.errors';
import type { BiasEntry, MeetingContext } from './meeting.types';
import { MeetingDocumentsService } from './meeting-documents.service';
import type { MeetingView } from './meeting.view';
import { MeetingTransitions } from './meeting-transitions.service';
import { MeetingsService, type Presence } from './meetings.service';

type Problem = { field: string; messages: string[] };

/**
 * An item's result in session: who left for Befangenheit, whether the votes carry the
 * result under the item's majority (shared/vote-rules.ts), the meeting's transition (which
 * keeps the quorum rule) and the paper's RECORD_RESULT, in one transaction.
 */
@Injectable()
export class MeetingResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly transitions: MeetingTransitions,
    private readonly papers: PaperEventsService,
    private readonly clock: Clock,
    private readonly documents: MeetingDocumentsService,
    private readonly persons: PersonsService,
  ) {}

  /** Records an item's result in session; the paper it carries (or the minutes it approves) moves with it. */
  recordResult(actor: WorkflowActor, bodyId: string, meetingId: string, itemId: string, dto: RecordItemResultDto): Promise<MeetingView> {
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const quorumLacking = this.meetings.context(meeting).quorumLack !== undefined;
      const item = await m.findOne(AgendaItem, { where: { id: itemId, meetingId }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundError('Agenda item', itemId);
      if (item.status !== 'open') throw new AgendaConflictError(`TOP ${item.number} is already ${item.status}`);
      if (dto.objections && !item.minutesOfMeetingId) {
        throw new BadInputError('Only an item approving minutes takes objections', [{ field: 'objections', messages: ['only on an item approving minutes'] }]);
      }
      const presence = await this.meetings.presence(m, meeting);
      const bias = await this.bias(m, bodyId, presence, dto);
      // A biased member leaves for this item: absent for its quorum and its vote.
      const leaving = new Set(bias.map((b) => presence.voters.get(b.personId)).filter((seat): seat is string => seat !== undefined));
      const presentForItem = presence.present.size - leaving.size;
      const votes = toVotes(dto.votes, presentForItem);
      const majority = { majority: item.majority, statutoryMembers: presence.statutory };
      const contradictions = voteProblems(dto.result, votes, majority);
      if (contradictions.length) {
        throw new BadInputError(
          'The result does not follow from the votes',
          contradictions.map((p) => ({ field: p.field, messages: [p.message] })),
        );
      }
      const rules = await this.meetings.rules(m, bodyId, meeting.organizationId);
      const amendments = item.paperId ? await m.find(Amendment, { where: { agendaItemId: itemId }, order: { number: 'ASC' } }) : [];
      const openAmendments = amendments.filter((a) => a.state === 'proposed').map(amendmentLabel);
      await this.transitions.send(m, actor, meeting, {
        type: 'RECORD_ITEM_RESULT',
        itemId,
        result: dto.result,
        present: presentForItem,
        members: presence.statutory,
        rules,
        secondSummons: item.secondSummons,
        ...(openAmendments.length > 0 && { openAmendments }),
      });
      // GO des Kreistags: the item is decided on the text of the last Änderungsantrag adopted on it.
      const amended = await this.amendedText(m, meeting, item, amendments, dto);
      const result = amended?.result ?? dto.result;
      let decisionText = amended?.text ?? dto.text ?? null;
      if (item.paperId && !item.consultationKey) {
        // An urgent decision awaiting the Kreistag's approval: no consultation of its own.
        await this.decideUrgentApproval(m, actor, bodyId, item.paperId, dto);
      } else if (item.paperId) {
        const carried = amended && (result === 'recommended' || result === 'adopted_amended');
        const outcome = await this.papers.transitionIn(m, actor, bodyId, item.paperId, {
          type: 'RECORD_RESULT',
          result,
          ...(votes && { votes }),
          ...(carried ? { text: amended.text, amendedBy: amended.amendedBy } : dto.text ? { text: dto.text } : {}),
          ...(dto.organizationId && { organizationId: dto.organizationId }),
          ...majority,
        });
        const texts = (outcome.snapshot.context as PaperContext).decisionTexts;
        if (decisionText === null && DECIDING.has(dto.result)) decisionText = texts.at(-1)?.text ?? null;
      } else if (item.minutesOfMeetingId && (dto.result === 'adopted' || dto.result === 'adopted_amended')) {
        const earlier = await this.transitions.lock(m, bodyId, item.minutesOfMeetingId);
        const outcome = await this.transitions.send(m, actor, earlier, {
          type: 'APPROVE_MINUTES',
          approvingMeetingId: meetingId,
          agendaItemId: itemId,
          ...(dto.objections && { objections: dto.objections }),
        });
        const approval = (outcome.snapshot.context as MeetingContext).minutesApproval!;
        await this.documents.freezeApproved(m, item.minutesOfMeetingId, approval);
        // The approving meeting's own minutes show the Einwendungen under this item.
        if (dto.objections && decisionText === null) decisionText = `Einwendungen: ${dto.objections.trim()}`;
      }
      await m.update(AgendaItem, { id: itemId }, {
        status: dto.result === 'postponed' ? 'postponed' : 'decided',
        result,
        votes: votes ?? null,
        decisionText,
        biasedPersonIds: bias.map((b) => b.personId),
        bias,
        // Put back while the lack of quorum stands: the paper's next item is a second summons.
        postponedForLackOfQuorum: dto.result === 'postponed' && quorumLacking,
        decidedAt: this.clock.now(),
      });
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  /**
   * The text an item is decided on when Änderungsanträge were adopted on it: the last
   * adopted one's (each carries the full resulting text). `adopted` becomes
   * `adopted_amended`; a recommendation carries the text to the next consultation. A text
   * of the client's own besides is 400: the session voted on the amendment's.
   */
  private async amendedText(m: EntityManager, meeting: Meeting, item: AgendaItem, amendments: Amendment[], dto: RecordItemResultDto) {
    const adopted = amendments.filter((a) => a.state === 'adopted');
    if (adopted.length === 0 || dto.result === 'postponed' || dto.result === 'referred') return undefined;
    if (dto.text !== undefined) {
      throw new BadInputError('text: the item is decided on the text of the adopted Änderungsantrag', [
        { field: 'text', messages: [`the text decided on is that of ${amendmentLabel(adopted.at(-1)!)}; leave text out`] },
      ]);
    }
    const last = adopted.at(-1)!;
    const organization = await this.meetings.organization(m, meeting.bodyId, meeting.organizationId);
    const amendedBy: AmendedBy = {
      organizationId: organization.id,
      organizationName: organization.shortName,
      meetingId: meeting.id,
      date: berlinDate(meeting.start),
      agendaItemNumber: item.number,
      amendmentIds: adopted.map((a) => a.id),
    };
    return { text: last.text, amendedBy, result: dto.result === 'adopted' ? ('adopted_amended' as const) : dto.result };
  }

  /**
   * The Kreistag's vote on an urgent decision (§ 50 Abs. 3 KrO NRW): adopted approves it,
   * rejected overturns it for the future (rights of third parties acquired stay; the
   * office says whether any arose), postponed leaves it waiting for the next session.
   */
  private async decideUrgentApproval(m: EntityManager, actor: WorkflowActor, bodyId: string, paperId: string, dto: RecordItemResultDto) {
    const refuse = (field: string, message: string): never => {
      throw new BadInputError(`${field}: ${message}`, [{ field, messages: [message] }]);
    };
    if (dto.result === 'adopted') {
      await this.papers.transitionIn(m, actor, bodyId, paperId, { type: 'APPROVE_URGENT_DECISION' });
    } else if (dto.result === 'rejected') {
      if (dto.thirdPartyRightsArisen === undefined) refuse('thirdPartyRightsArisen', 'is required to overturn an urgent decision');
      await this.papers.transitionIn(m, actor, bodyId, paperId, {
        type: 'OVERTURN_URGENT_DECISION',
        thirdPartyRightsArisen: dto.thirdPartyRightsArisen!,
      });
    } else if (dto.result !== 'postponed') {
      refuse('result', 'an urgent decision is approved (adopted), overturned (rejected) or postponed');
    }
  }

  /**
   * Who is biased, with the reason. A person holding a seat must be in the room to leave
   * it; anyone else of the body (the Landrat where he holds no seat, staff) may be named
   * and changes no count.
   */
  private async bias(m: EntityManager, bodyId: string, presence: Presence, dto: RecordItemResultDto): Promise<BiasEntry[]> {
    const named = [
      ...(dto.bias ?? []).map((b, i) => ({ personId: b.personId, reason: b.reason.trim() as string | null, field: `bias.${i}.personId` })),
      ...(dto.biasedPersonIds ?? []).map((personId) => ({ personId, reason: null, field: 'biasedPersonIds' })),
    ];
    const problems: Problem[] = [];
    const entries = new Map<string, BiasEntry>();
    for (const n of named) {
      const earlier = entries.get(n.personId);
      if (earlier) {
        // Named in both lists: the entry with a reason stands; twice in `bias` is a mistake.
        if (n.reason !== null && earlier.reason !== null) problems.push({ field: n.field, messages: ['listed twice'] });
        continue;
      }
      entries.set(n.personId, { personId: n.personId, reason: n.reason });
    }
    const outsiders = named.filter((n) => !presence.seatHolders.has(n.personId));
    const known = outsiders.length
      ? new Set((await this.persons.names(outsiders.map((n) => n.personId), { bodyId, manager: m })).map((p) => p.id))
      : new Set<string>();
    for (const n of named) {
      if (presence.seatHolders.has(n.personId) && !presence.inRoom.has(n.personId)) {
        problems.push({ field: n.field, messages: [`not present: ${n.personId}`] });
      } else if (!presence.seatHolders.has(n.personId) && !known.has(n.personId)) {
        problems.push({ field: n.field, messages: [`not a person of this body: ${n.personId}`] });
      }
    }
    if (problems.length) throw new BadInputError('Invalid Befangenheit: a person with a seat must be present, anyone else must be a person of this body', problems);
    return [...entries.values()];
  }
}

const DECIDING = new Set(['recommended', 'not_recommended', 'adopted', 'adopted_amended', 'rejected', 'noted']);

/** Votes as recorded: unanimous, or counts that do not exceed the members entitled to vote on this item. */
export function toVotes(dto: RecordItemResultDto['votes'], entitled: number): VoteCount | undefined {
  if (!dto) return undefined;
  if (dto.unanimous) {
    if (dto.yes !== undefined || dto.no !== undefined || dto.abstain !== undefined) {
      throw new BadInputError('Invalid votes', [{ field: 'votes', messages: ['unanimous takes no counts'] }]);
    }
    return { unanimous: true };
  }
  const votes = { yes: dto.yes ?? 0, no: dto.no ?? 0, abstain: dto.abstain ?? 0 };
  if (votes.yes + votes.no + votes.abstain > entitled) {
    throw new BadInputError('Invalid votes', [
      { field: 'votes', messages: [`${votes.yes + votes.no + votes.abstain} votes, but only ${entitled} members present may vote on this item`] },
    ]);
  }
  return votes;
}
