import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsInstant, IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';

export const CLIENT_MEETING_EVENTS = [
  'INVITE',
  'OPEN',
  'ESTABLISH_NO_QUORUM',
  'CLOSE',
  'CANCEL',
  'RESCHEDULE',
  'DESIGNATE_SIGNATORIES',
  'APPROVE_MINUTES',
] as const;
export type ClientMeetingEvent = (typeof CLIENT_MEETING_EVENTS)[number];

export class MeetingEventDto {
  @ApiProperty({ enum: CLIENT_MEETING_EVENTS })
  @IsIn(CLIENT_MEETING_EVENTS)
  type: ClientMeetingEvent;

  @ApiPropertyOptional({ description: 'Refuse with 409 unless the meeting is still at this version' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'INVITE: the shortened urgent period applies (needs a reason)' })
  @IsOptionalNotNull()
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ description: 'INVITE with urgent, CANCEL, RESCHEDULE' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'CANCEL' || o.type === 'RESCHEDULE' || o.urgent === true || o.reason !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  reason?: string;

  @ApiPropertyOptional({ description: 'RESCHEDULE: the new start' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'RESCHEDULE' || o.start !== undefined)
  @IsInstant()
  start?: string;

  @ApiPropertyOptional({ description: 'RESCHEDULE: the new end' })
  @IsOptionalNotNull()
  @IsInstant()
  end?: string;

  @ApiPropertyOptional({ description: 'APPROVE_MINUTES: the item of a later meeting, in session, that approves these minutes' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'APPROVE_MINUTES' || o.agendaItemId !== undefined)
  @IsUUID()
  agendaItemId?: string;

  @ApiPropertyOptional({ description: 'APPROVE_MINUTES: the Einwendungen raised against the minutes' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(50_000)
  objections?: string;

  @ApiPropertyOptional({ description: 'DESIGNATE_SIGNATORIES: the user who chairs and signs the minutes' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'DESIGNATE_SIGNATORIES' || o.chairUserId !== undefined)
  @IsUUID()
  chairUserId?: string;

  @ApiPropertyOptional({ description: 'DESIGNATE_SIGNATORIES: the Schriftführer, who writes and co-signs the minutes' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'DESIGNATE_SIGNATORIES' || o.recorderUserId !== undefined)
  @IsUUID()
  recorderUserId?: string;
}

/** `POST /meetings/:id/minutes/signatures`: the designated user signs the Niederschrift. */
export class SignMinutesDto {
  @ApiProperty({ enum: ['chair', 'recorder'] })
  @IsIn(['chair', 'recorder'])
  as: 'chair' | 'recorder';
}
