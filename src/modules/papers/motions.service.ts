import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { berlinDay } from '../../shared/calendar';
import { BadInputError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { OrganizationsService } from '../bodies/organizations.service';
import { SignOffRulesService } from '../bodies/sign-off-rules.service';
import type { RegisterMotionDto } from './dto/register-motion.dto';
import { PaperEventsService } from './paper-events.service';
import { PaperLinks } from './paper-links';
import { loadSubmission } from './paper-submission';
import { completenessProblems } from './paper.guards';
import type { MotionRecord } from './paper.types';
import type { PaperView } from './paper.view';
import { PapersService } from './papers.service';

type Problem = { field: string; messages: string[] };

/**
 * Anträge and Anfragen of Fraktionen, Gruppen and members (§ 40 KrO NRW): the committee
 * office registers them as received — they have no administrative sign-off — and they
 * go straight into deliberation with their Beratungsfolge. What § 33 KrO NRW makes of an
 * Antrag that names a session (the duty to place it) is decided here once, on the day it
 * came in: a Fraktion, or a fifth of the council's statutory members, may demand it.
 */
@Injectable()
export class MotionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly papers: PapersService,
    private readonly events: PaperEventsService,
    private readonly organizations: OrganizationsService,
    private readonly signOffRules: SignOffRulesService,
    private readonly links: PaperLinks,
    private readonly clock: Clock,
  ) {}

  register(actor: WorkflowActor, bodyId: string, dto: RegisterMotionDto): Promise<PaperView> {
    return this.dataSource.transaction(async (m) => {
      const problems: Problem[] = [];
      const refuse = (field: string, message: string) => problems.push({ field, messages: [message] });
      const rule = await this.signOffRules.ruleFor(bodyId, dto.paperType, m);
      if (rule.mode !== 'none') {
        throw new BadInputError(`paperType: this body signs off a ${dto.paperType} in the administration: draft it with POST /papers`, [
          { field: 'paperType', messages: ['the body’s sign-off rule for this type is a chain, not none'] },
        ]);
      }
      if (Date.parse(dto.receivedAt) > this.clock.now().getTime()) refuse('receivedAt', 'must not be in the future');
      if (dto.paperType === 'Anfrage') {
        if (dto.requestedMeetingId !== undefined) refuse('requestedMeetingId', 'only an Antrag asks for a session');
        if (dto.supporterPersonIds !== undefined) refuse('supporterPersonIds', 'only an Antrag is supported');
      }
      const council = await this.organizations.bodyCouncil(bodyId, m);
      if (!council) refuse('originatorOrganizationId', 'the body has no council');
      if (problems.length) throw new BadInputError('Invalid Antrag or Anfrage', problems);
      const day = berlinDay(dto.receivedAt);
      const originator = await this.organizations.originator(
        bodyId,
        council!.id,
        { organizationId: dto.originatorOrganizationId, personId: dto.originatorPersonId },
        day,
        { requireStrength: true },
        m,
      );
      const supporters = dto.supporterPersonIds ?? [];
      const seated = await this.organizations.seatHolders(council!.id, supporters, day, m);
      supporters.forEach((p, i) => {
        if (!seated.has(p)) refuse(`supporterPersonIds.${i}`, `holds no seat in the council on ${day}`);
      });
      if (dto.requestedMeetingId !== undefined) await this.checkRequestedMeeting(m, bodyId, dto, day, refuse);
      if (problems.length) throw new BadInputError('Invalid Antrag', problems);

      const motion: MotionRecord = {
        originator,
        receivedAt: new Date(dto.receivedAt).toISOString(),
        ...(dto.requestedMeetingId !== undefined && { requestedMeetingId: dto.requestedMeetingId }),
        supporterPersonIds: supporters,
        placementRight: dto.paperType === 'Antrag' ? placementRight(originator, supporters, council!.statutoryMembers) : null,
        registeredBy: actor.id,
      };
      const created = await this.papers.create(
        actor,
        bodyId,
        {
          title: dto.title,
          paperType: dto.paperType,
          public: dto.public ?? true,
          decisionProposal: dto.text,
          facts: dto.reasons ?? '',
          consultations: dto.consultations ?? [],
        },
        m,
        {
          ...(originator.kind === 'person' ? { originatorPersonId: originator.id } : { originatorOrganizationId: originator.id }),
          receivedAt: motion.receivedAt,
          ...(dto.requestedMeetingId !== undefined && { requestedMeetingId: dto.requestedMeetingId }),
        },
      );
      // What the text and the Beratungsfolge lack is the sender's mistake: 400, and the transaction rolls back.
      const paper = await loadSubmission(m, created.id);
      const incomplete = completenessProblems(dto.paperType, paper, true);
      if (incomplete.length) throw new BadInputError(incomplete.join('; '), [{ field: 'consultations', messages: incomplete }]);
      await this.events.transitionIn(m, actor, bodyId, created.id, { type: 'REGISTER', paper, motion });
      return this.papers.load(m, bodyId, created.id);
    });
  }

  /**
   * The Anträge that ask for this session and are still in deliberation (not withdrawn,
   * not decided elsewhere), for the meeting's § 33 KrO NRW check and view.
   */
  async requesting(m: EntityManager, bodyId: string, meetingId: string) {
    const rows: { id: string; reference: string | null; title: string; received_at: Date; motion: MotionRecord }[] = await m.query(
      `SELECT id, reference, title, received_at, snapshot->'context'->'motion' AS motion FROM paper
       WHERE body_id = $1 AND requested_meeting_id = $2 AND paper_type = 'Antrag' AND state LIKE 'deliberation%'
       ORDER BY received_at, id`,
      [bodyId, meetingId],
    );
    return rows.map((r) => ({
      paperId: r.id,
      reference: r.reference,
      title: r.title,
      originatorName: r.motion.originator.name,
      receivedAt: new Date(r.received_at).toISOString(),
      placementRight: r.motion.placementRight,
    }));
  }

  /** The session asked for: a meeting of this body, not cancelled, of the first consultation's organization, not before the day it came in. */
  private async checkRequestedMeeting(m: EntityManager, bodyId: string, dto: RegisterMotionDto, day: string, refuse: (field: string, message: string) => void) {
    const meeting = await this.links.meetings.meeting(m, bodyId, dto.requestedMeetingId!);
    const first = dto.consultations?.[0];
    if (!meeting) refuse('requestedMeetingId', 'unknown meeting');
    else if (meeting.state === 'cancelled') refuse('requestedMeetingId', 'the meeting is cancelled');
    else if (!first || meeting.organizationId !== first.organizationId) {
      refuse('requestedMeetingId', 'the session must be one of the organization of the Antrag’s first consultation');
    } else if (meeting.day < day) refuse('requestedMeetingId', `the session on ${meeting.day} was before the Antrag came in`);
  }
}

/**
 * § 33 KrO NRW: the Landrat must put on the agenda what a Fraktion, or a fifth of the
 * members, proposes within the GO's deadline. A Gruppe or a single member has no such
 * right unless supported by a fifth of the statutory members (the originator counts).
 */
export function placementRight(
  originator: MotionRecord['originator'],
  supporters: readonly string[],
  statutoryMembers: number | null,
): MotionRecord['placementRight'] {
  if (originator.kind === 'fraction') return 'fraction';
  const persons = new Set([...supporters, ...(originator.kind === 'person' ? [originator.id] : [])]);
  return statutoryMembers && 5 * persons.size >= statutoryMembers ? 'fifth' : null;
}
