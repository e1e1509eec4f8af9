import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsInstant, IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { MOTION_PAPER_TYPES, type MotionPaperType } from '../../bodies/sign-off-rule';
import { ConsultationDto } from './create-paper.dto';

/**
 * An Antrag or Anfrage as the committee office receives it (by mail or portal): who
 * sends it, when it came in, the text as written, the Beratungsfolge, and for an Antrag
 * the session it asks for and who supports it.
 */
export class RegisterMotionDto {
  @ApiProperty({ enum: MOTION_PAPER_TYPES })
  @IsIn(MOTION_PAPER_TYPES)
  paperType: MotionPaperType;

  @ApiProperty({ example: 'Antrag der Fraktion A: Digitale Sitzungsunterlagen' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title: string;

  @ApiProperty({ description: 'The Antrag’s proposed decision, or the Anfrage’s questions, as written' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50_000)
  text: string;

  @ApiPropertyOptional({ description: 'Begründung' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200_000)
  reasons?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({ description: 'The Fraktion or Gruppe that submits it (or originatorPersonId)' })
  @IsOptionalNotNull()
  @IsUUID()
  originatorOrganizationId?: string;

  @ApiPropertyOptional({ description: 'The member of the council who submits it (or originatorOrganizationId)' })
  @IsOptionalNotNull()
  @IsUUID()
  originatorPersonId?: string;

  @ApiProperty({ example: '2021-09-10T11:00:00+02:00', description: 'When the office received it; the § 33 KrO NRW deadline counts from this' })
  @IsInstant()
  receivedAt: string;

  @ApiPropertyOptional({ description: 'Antrag: the session it asks to be placed on (a meeting of its first consultation’s organization)' })
  @IsOptionalNotNull()
  @IsUUID()
  requestedMeetingId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Antrag: members of the council who support it (a fifth of the statutory members may demand its placement, § 33 KrO NRW)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique({ message: 'supporterPersonIds must not name a person twice' })
  @IsUUID(undefined, { each: true })
  supporterPersonIds?: string[];

  @ApiPropertyOptional({ type: [ConsultationDto], description: 'The Beratungsfolge; an Antrag needs one ending in its decisive consultation, an Anfrage answered in writing none' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ConsultationDto)
  consultations?: ConsultationDto[];
}
