import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { MAJORITY_RULES, type MajorityRule } from '../../../shared/vote-rules';
import { CONSULTATION_RESULTS, type ConsultationResult } from '../../papers/paper.types';

/** `1`, `2`, `2.a`, `10.1`: a number, then dotted parts of digits or small letters. */
export const AGENDA_NUMBER = /^[0-9]{1,3}(\.[0-9a-z]{1,3}){0,3}$/;

export class AddAgendaItemDto {
  @ApiPropertyOptional({ description: 'Schedules the paper’s current consultation on this item' })
  @IsOptionalNotNull()
  @IsUUID()
  paperId?: string;

  @ApiPropertyOptional({ description: 'This item approves the minutes of that (earlier, held) meeting of the same organization' })
  @IsOptionalNotNull()
  @IsUUID()
  minutesOfMeetingId?: string;

  @ApiPropertyOptional({ description: 'Required without paperId and minutesOfMeetingId; defaults to the paper’s title' })
  @ValidateIf((o: AddAgendaItemDto) => (!o.paperId && !o.minutesOfMeetingId) || o.title !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ description: 'TOP number; numbered automatically when left out', example: '2.a' })
  @IsOptionalNotNull()
  @Matches(AGENDA_NUMBER, { message: 'number must look like 1, 2 or 2.a' })
  number?: string;

  @ApiPropertyOptional({ description: 'Public part (default: the paper’s own publicity, else true)' })
  @IsOptionalNotNull()
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({ description: 'Required for an item added after the invitation (Nachtrag)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  urgentReason?: string;

  @ApiPropertyOptional({ enum: MAJORITY_RULES, description: 'The majority the decision needs (default simple)' })
  @IsOptionalNotNull()
  @IsIn(MAJORITY_RULES)
  majority?: MajorityRule;
}

export class UpdateAgendaItemDto {
  @ApiPropertyOptional({ example: '2.b' })
  @IsOptionalNotNull()
  @Matches(AGENDA_NUMBER, { message: 'number must look like 1, 2 or 2.a' })
  number?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ enum: MAJORITY_RULES, description: 'The majority the decision needs (default simple)' })
  @IsOptionalNotNull()
  @IsIn(MAJORITY_RULES)
  majority?: MajorityRule;
}

export class RemoveAgendaItemDto {
  @ApiPropertyOptional({ description: 'Why the item is taken off (Absetzung)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  reason?: string;
}

export class ItemVotesDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(0) yes?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(0) no?: number;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(0) abstain?: number;
  @ApiPropertyOptional({ description: 'Einstimmig: no counts needed' })
  @IsOptionalNotNull()
  @IsBoolean()
  unanimous?: boolean;
}

export class BiasDto {
  @ApiProperty()
  @IsUUID()
  personId: string;

  @ApiProperty({ description: 'Why the person is biased, in the clerk’s words (recorded in the minutes)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2_000)
  reason: string;
}

export class RecordItemResultDto {
  @ApiProperty({ enum: CONSULTATION_RESULTS })
  @IsIn(CONSULTATION_RESULTS)
  result: ConsultationResult;

  @ApiPropertyOptional({ type: ItemVotesDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ItemVotesDto)
  votes?: ItemVotesDto;

  @ApiPropertyOptional({ description: 'The decision text (required for adopted_amended)' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(50_000)
  text?: string;

  @ApiPropertyOptional({ description: 'On an item approving minutes: the Einwendungen raised against them, recorded with the approval' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(50_000)
  objections?: string;

  @ApiPropertyOptional({ description: 'With result referred: the organization referred to' })
  @ValidateIf((o: RecordItemResultDto) => o.result === 'referred' || o.organizationId !== undefined)
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    description:
      'Approval of an urgent decision with result rejected (overturned, § 50 Abs. 3 KrO NRW): whether rights of third parties already arose by carrying it out',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  thirdPartyRightsArisen?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Persons declared biased (Befangenheit), without a reason; prefer bias' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  biasedPersonIds?: string[];

  @ApiPropertyOptional({ type: () => [BiasDto], description: 'Befangenheit with its reason: the person leaves for deliberation and vote of this item' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BiasDto)
  bias?: BiasDto[];
}

export class AttendanceEntryDto {
  @ApiProperty()
  @IsUUID()
  personId: string;

  @ApiProperty()
  @IsBoolean()
  present: boolean;

  @ApiPropertyOptional({ description: 'The member this person substitutes' })
  @IsOptionalNotNull()
  @IsUUID()
  substituteForPersonId?: string;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries: AttendanceEntryDto[];
}
