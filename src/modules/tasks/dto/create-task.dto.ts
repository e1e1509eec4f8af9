import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { TASK_KINDS, type TaskKind } from '../task.types';

/** A Berlin calendar day; whether it exists (no 31.02.) is checked by the service. */
export const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTaskDto {
  @ApiProperty({ enum: TASK_KINDS })
  @IsIn(TASK_KINDS)
  kind: TaskKind;

  @ApiProperty({ example: 'Kommunaler Beratungsworkshop (MWIDE), Auftakt' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ description: 'The user responsible (Sachbearbeitung)' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ example: 'Stabsstelle Digitalisierung' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  department?: string;

  @ApiPropertyOptional({ description: 'Berlin calendar day the first step is due', example: '2021-08-30' })
  @IsOptional()
  @Matches(CALENDAR_DAY, { message: 'dueDate must be a day YYYY-MM-DD' })
  dueDate?: string;

  @ApiPropertyOptional({ description: 'funding_application: the funding programme', example: 'ZIRE' })
  @ValidateIf((o: CreateTaskDto) => o.kind === 'funding_application' || o.programme !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  programme?: string;
}
