import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay, IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import {
  CONSULTATION_RESULTS,
  PAPER_EVENT_TYPES,
  type ConsultationResult,
  type PaperEventType,
  type UrgentDecisionForm,
  type UrgentDecisionMaker,
  URGENT_DECISION_FORMS,
  URGENT_DECISION_MAKERS,
} from '../paper.types';

/** Sent by other modules or by the papers module itself (REGISTER: POST /papers/motions; ANSWER: the Beantwortung's release). */
const INTERNAL_EVENTS: ReadonlySet<string> = new Set(['START_IMPLEMENTATION', 'UNSCHEDULE', 'PREPARE_TASK', 'REGISTER', 'ANSWER']);

/**
 * The events clients send. START_IMPLEMENTATION and PREPARE_TASK are sent by the tasks
 * module only, and UNSCHEDULE by the meetings module only (an item leaves an agenda
 * through the meeting).
 */
export const CLIENT_PAPER_EVENTS = PAPER_EVENT_TYPES.filter(
  (type): type is Exclude<PaperEventType, 'START_IMPLEMENTATION' | 'UNSCHEDULE' | 'PREPARE_TASK' | 'REGISTER' | 'ANSWER'> =>
    !INTERNAL_EVENTS.has(type),
);
export type ClientPaperEvent = (typeof CLIENT_PAPER_EVENTS)[number];

/** Which payload fields each event takes; anything else is refused with 400. */
export const EVENT_FIELDS: Record<ClientPaperEvent, readonly string[]> = {
  SUBMIT: [],
  SIGN: ['unit'],
  REJECT_SIGNOFF: ['reason'],
  SCHEDULE: ['date', 'agendaItemNumber', 'meetingId'],
  RECORD_RESULT: ['result', 'votes', 'text', 'organizationId'],
  URGENT_DECISION: ['decidedBy', 'form', 'memberPersonId', 'text', 'justification'],
  APPROVE_URGENT_DECISION: [],
  OVERTURN_URGENT_DECISION: ['thirdPartyRightsArisen'],
  WITHDRAW: ['reason'],
  CLOSE: [],
  OBJECT: ['reason'],
  CONTEST: ['reason'],
  SUPERVISORY_DECISION: ['upheld', 'authority', 'authorityReference', 'decidedOn', 'text'],
};

/** Events whose `reason` is required. */
const WITH_REASON: readonly string[] = ['REJECT_SIGNOFF', 'WITHDRAW', 'OBJECT', 'CONTEST'];

export class VotesDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(0) yes?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(0) no?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(0) abstain?: number;
  @ApiPropertyOptional({ description: 'einstimmig' }) @IsOptionalNotNull() @Equals(true) unanimous?: true;
}


export class PaperEventDto {
  @ApiProperty({ enum: CLIENT_PAPER_EVENTS })
  @IsIn(CLIENT_PAPER_EVENTS)
  type: ClientPaperEvent;

  @ApiPropertyOptional({ description: 'Refuse with 409 unless the paper is still at this version' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'REJECT_SIGNOFF, WITHDRAW; OBJECT and CONTEST: the Landrat’s written reasons (§ 39 KrO NRW)' })
  @ValidateIf((o: PaperEventDto) => WITH_REASON.includes(o.type) || o.reason !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  reason?: string;

  @ApiPropertyOptional({ description: 'SIGN: co-sign for this unit (parallel Mitzeichnung) instead of the line', example: 'Kämmerei' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  unit?: string;

  @ApiPropertyOptional({ description: 'SCHEDULE: the meeting date', example: '2021-08-31' })
  @ValidateIf((o: PaperEventDto) => o.type === 'SCHEDULE' || o.date !== undefined)
  @IsCalendarDay()
  date?: string;

  @ApiPropertyOptional({ description: 'SCHEDULE: the TOP', example: '2.a' })
  @ValidateIf((o: PaperEventDto) => o.type === 'SCHEDULE' || o.agendaItemNumber !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(20)
  agendaItemNumber?: string;

  @ApiPropertyOptional({ description: 'SCHEDULE' })
  @IsOptionalNotNull()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ enum: CONSULTATION_RESULTS, description: 'RECORD_RESULT' })
  @ValidateIf((o: PaperEventDto) => o.type === 'RECORD_RESULT' || o.result !== undefined)
  @IsIn(CONSULTATION_RESULTS)
  result?: ConsultationResult;

  @ApiPropertyOptional({ type: VotesDto, description: 'RECORD_RESULT' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => VotesDto)
  votes?: VotesDto;

  @ApiPropertyOptional({ description: 'RECORD_RESULT (decision text; required for adopted_amended), URGENT_DECISION, SUPERVISORY_DECISION (the authority’s decision, optional)' })
  @ValidateIf((o: PaperEventDto) => o.type === 'URGENT_DECISION' || o.text !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(50_000)
  text?: string;

  @ApiPropertyOptional({ description: 'RECORD_RESULT with result referred: the organization referred to' })
  @ValidateIf((o: PaperEventDto) => o.result === 'referred' || o.organizationId !== undefined)
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    enum: URGENT_DECISION_MAKERS,
    description:
      'URGENT_DECISION (§ 50 Abs. 3 KrO NRW): the Kreisausschuss decided in place of the Kreistag, or the Landrat with one member of the Kreisausschuss',
  })
  @ValidateIf((o: PaperEventDto) => o.type === 'URGENT_DECISION' || o.decidedBy !== undefined)
  @IsIn(URGENT_DECISION_MAKERS)
  decidedBy?: UrgentDecisionMaker;

  @ApiPropertyOptional({ enum: URGENT_DECISION_FORMS, description: 'URGENT_DECISION by the district_committee: in session or by circulation (Umlaufverfahren)' })
  @IsOptionalNotNull()
  @IsIn(URGENT_DECISION_FORMS)
  form?: UrgentDecisionForm;

  @ApiPropertyOptional({ description: 'URGENT_DECISION by the Landrat: the person id of the deciding member of the Kreisausschuss' })
  @ValidateIf((o: PaperEventDto) => o.decidedBy === 'district_administrator_with_member' || o.memberPersonId !== undefined)
  @IsUUID()
  memberPersonId?: string;

  @ApiPropertyOptional({ description: 'URGENT_DECISION: why it could not wait for the Kreistag' })
  @ValidateIf((o: PaperEventDto) => o.type === 'URGENT_DECISION' || o.justification !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(20_000)
  justification?: string;

  @ApiPropertyOptional({ description: 'OVERTURN_URGENT_DECISION' })
  @ValidateIf((o: PaperEventDto) => o.type === 'OVERTURN_URGENT_DECISION' || o.thirdPartyRightsArisen !== undefined)
  @IsBoolean()
  thirdPartyRightsArisen?: boolean;

  @ApiPropertyOptional({ description: 'SUPERVISORY_DECISION (§ 39 Abs. 2 KrO NRW): true — the decision is lawful and stands; false — it is annulled' })
  @ValidateIf((o: PaperEventDto) => o.type === 'SUPERVISORY_DECISION' || o.upheld !== undefined)
  @IsBoolean()
  upheld?: boolean;

  @ApiPropertyOptional({ description: 'SUPERVISORY_DECISION: the Aufsichtsbehörde', example: 'Bezirksregierung Münster' })
  @ValidateIf((o: PaperEventDto) => o.type === 'SUPERVISORY_DECISION' || o.authority !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  authority?: string;

  @ApiPropertyOptional({ description: 'SUPERVISORY_DECISION: the authority’s file reference (Aktenzeichen)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  authorityReference?: string;

  @ApiPropertyOptional({ description: 'SUPERVISORY_DECISION: the day the authority decided (not in the future)', example: '2021-11-15' })
  @ValidateIf((o: PaperEventDto) => o.type === 'SUPERVISORY_DECISION' || o.decidedOn !== undefined)
  @IsCalendarDay()
  decidedOn?: string;
}
