import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

export const CLIENT_MEETING_EVENTS = ['INVITE', 'OPEN', 'CLOSE', 'CANCEL', 'RESCHEDULE', 'APPROVE_MINUTES'] as const;
export type ClientMeetingEvent = (typeof CLIENT_MEETING_EVENTS)[number];

export class MeetingEventDto {
  @ApiProperty({ enum: CLIENT_MEETING_EVENTS })
  @IsIn(CLIENT_MEETING_EVENTS)
  type: ClientMeetingEvent;

  @ApiPropertyOptional({ description: 'Refuse with 409 unless the meeting is still at this version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'INVITE: the shortened urgent period applies (needs a reason)' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'INVITE' || o.urgent !== undefined)
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ description: 'INVITE with urgent, CANCEL, RESCHEDULE' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'CANCEL' || o.type === 'RESCHEDULE' || o.urgent === true || o.reason !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(5_000)
  reason?: string;

  @ApiPropertyOptional({ description: 'RESCHEDULE: the new start' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'RESCHEDULE' || o.start !== undefined)
  @IsISO8601({ strict: true })
  start?: string;

  @ApiPropertyOptional({ description: 'RESCHEDULE: the new end' })
  @IsOptional()
  @IsISO8601({ strict: true })
  end?: string;

  @ApiPropertyOptional({ description: 'APPROVE_MINUTES: the item of a later meeting, in session, that approves these minutes' })
  @ValidateIf((o: MeetingEventDto) => o.type === 'APPROVE_MINUTES' || o.agendaItemId !== undefined)
  @IsUUID()
  agendaItemId?: string;
}
