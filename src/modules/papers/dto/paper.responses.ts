import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '../../identity/role';
import { CLIENT_PAPER_EVENTS } from './paper-event.dto';
import { CONSULTATION_RESULTS, CONSULTATION_ROLES, PAPER_TYPES, type ConsultationOrigin, type ConsultationResult, type ConsultationRole, type PaperType } from '../paper.types';

/**
 * What the papers endpoints answer, for the OpenAPI document (and so for the console's
 * generated client). The controller's return types are these classes, so the compiler
 * keeps them and paper.view.ts in step.
 */
const TOP_STATES = ['draft', 'signOff', 'deliberation', 'urgentlyDecided', 'adopted', 'inImplementation', 'closed', 'rejected', 'overturned', 'withdrawn', 'noted'];
const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

export class ConsultationResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Stable key within the paper' }) key: string;
  @ApiProperty() position: number;
  @ApiProperty() organizationId: string;
  @ApiProperty({ type: String, nullable: true }) organizationName: string | null;
  @ApiProperty({ enum: CONSULTATION_ROLES }) role: ConsultationRole;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) plannedDate: string | null;
  @ApiProperty({ type: String, nullable: true }) agendaItemNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) reporter: string | null;
  @ApiProperty({ type: String, nullable: true }) meetingId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) scheduledDate: string | null;
  @ApiProperty({ enum: CONSULTATION_RESULTS, nullable: true }) result: ConsultationResult | null;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: '{yes, no, abstain} or {unanimous: true}' }) votes: object | null;
  @ApiProperty({ type: String, nullable: true }) resultText: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ enum: ['planned', 'postponed', 'referred'] }) origin: ConsultationOrigin;
  @ApiProperty({ description: 'The consultation the paper is at now (deliberation only)' }) current: boolean;
}

export class SignatureResponse {
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() function?: string;
  @ApiProperty() deputy: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['i.V.'] }) signedAs: string | null;
}

export class CoSignatureResponse {
  @ApiProperty() unit: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() name: string;
  @ApiProperty() function: string;
}

export class SignOffRejectionResponse {
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() reason: string;
}

export class SignOffResponse {
  @ApiProperty({ enum: ROLES, isArray: true, description: 'The line, in order' }) steps: Role[];
  @ApiProperty({ type: [SignatureResponse] }) signatures: SignatureResponse[];
  @ApiProperty({ type: [String] }) coSignUnits: string[];
  @ApiProperty({ type: [CoSignatureResponse] }) coSignatures: CoSignatureResponse[];
  @ApiProperty({ type: [String] }) openCoSignUnits: string[];
  @ApiProperty({ enum: ROLES, nullable: true, description: 'Whose step is next (sign-off only)' }) nextRole: Role | null;
  @ApiProperty({ type: [SignOffRejectionResponse] }) rejections: SignOffRejectionResponse[];
}

export class ClimateImpactResponse {
  @ApiProperty({ enum: ['none', 'positive', 'negative'] }) effect: string;
  @ApiProperty({ type: String, nullable: true }) justification: string | null;
}

export class CostItemResponse {
  @ApiProperty() fiscalYear: number;
  @ApiProperty() product: string;
  @ApiProperty({ description: 'Euro cents' }) amountCents: number;
  @ApiProperty() fundedBy: string;
  @ApiProperty({ description: 'Euro cents' }) ownShareCents: number;
}

export class DecisionTextResponse {
  @ApiProperty() version: number;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['proposal', 'amendment', 'urgent_decision'] }) source: string;
}

/** `GET /papers/:id` (CONTRACT.md). */
export class PaperResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY/NNN, assigned at release' }) reference: string | null;
  @ApiProperty({ enum: PAPER_TYPES }) paperType: PaperType;
  @ApiProperty() title: string;
  @ApiProperty() public: boolean;
  @ApiProperty({ type: String, nullable: true }) decisionProposal: string | null;
  @ApiProperty({ type: String, nullable: true }) facts: string | null;
  @ApiProperty({ type: [String] }) goals: string[];
  @ApiProperty({ type: [String] }) measures: string[];
  @ApiProperty({ type: String, nullable: true }) costs: string | null;
  @ApiProperty({ type: [CostItemResponse] }) costItems: CostItemResponse[];
  @ApiProperty({ type: String, nullable: true, format: 'date' }) paperDate: string | null;
  @ApiProperty({ type: ClimateImpactResponse }) climateImpact: ClimateImpactResponse;
  @ApiProperty({ type: String, nullable: true }) responsibleUnit: string | null;
  @ApiProperty({ enum: TOP_STATES }) state: string;
  @ApiProperty({ type: String, nullable: true, description: 'Inside deliberation: awaitingAgenda or scheduled' }) stateDetail: string | null;
  @ApiProperty() version: number;
  @ApiProperty() machineVersion: number;
  @ApiProperty({ type: [ConsultationResponse] }) consultations: ConsultationResponse[];
  @ApiProperty({ type: ConsultationResponse, nullable: true }) currentConsultation: ConsultationResponse | null;
  @ApiProperty({ type: SignOffResponse }) signOff: SignOffResponse;
  @ApiProperty({ type: [DecisionTextResponse] }) decisionTexts: DecisionTextResponse[];
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: 'Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW)' }) urgentDecision: object | null;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: '{reason, at, actorId}' }) withdrawal: object | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class PaperSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ enum: PAPER_TYPES }) paperType: PaperType;
  @ApiProperty() title: string;
  @ApiProperty() public: boolean;
  @ApiProperty({ enum: TOP_STATES }) state: string;
  @ApiProperty({ type: String, nullable: true }) stateDetail: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class PaperPageResponse {
  @ApiProperty({ type: [PaperSummaryResponse] }) data: PaperSummaryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class PaperEventResponse {
  @ApiProperty({ enum: TOP_STATES }) state: string;
  @ApiProperty({ type: String, nullable: true }) stateDetail: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: PaperResponse }) paper: PaperResponse;
}

export class AllowedEventsResponse {
  @ApiProperty({ enum: CLIENT_PAPER_EVENTS, isArray: true, description: 'Event types the caller may send now' }) allowed: string[];
}

export class HistoryActorResponse {
  @ApiProperty({ type: String, nullable: true }) id: string | null;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
}

export class HistoryEntryResponse {
  @ApiProperty() seq: number;
  @ApiProperty() type: string;
  @ApiProperty({ type: HistoryActorResponse }) actor: HistoryActorResponse;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ ...JSON_OBJECT }) payload: object;
  @ApiProperty() machineVersion: number;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class ChainBreakResponse {
  @ApiProperty() seq: number;
  @ApiProperty() reason: string;
}

/** `GET …/history/verify`: the hash chain recomputed. */
export class ChainVerdictResponse {
  @ApiProperty() valid: boolean;
  @ApiProperty() entries: number;
  @ApiPropertyOptional({ type: ChainBreakResponse, description: 'The first entry that does not fit the chain, and why' }) firstBroken?: ChainBreakResponse;
}
