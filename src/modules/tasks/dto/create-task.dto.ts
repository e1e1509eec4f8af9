import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDay, IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { TASK_KINDS, type TaskKind } from '../task.types';

export class CreateTaskDto {
  @ApiProperty({ enum: TASK_KINDS })
  @IsIn(TASK_KINDS)
  kind: TaskKind;

  @ApiProperty({ example: 'Kommunaler Beratungsworkshop (MWIDE), Auftakt' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ description: 'The user responsible (Sachbearbeitung)' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ example: 'Stabsstelle Digitalisierung' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  department?: string;

  @ApiPropertyOptional({ description: 'Berlin calendar day the first step is due', example: '2021-08-30' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  dueDate?: string;

  @ApiPropertyOptional({ description: 'funding_application: the funding programme', example: 'ZIRE' })
  @ValidateIf((o: CreateTaskDto) => o.kind === 'funding_application' || o.programme !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  programme?: string;

  @ApiPropertyOptional({
    description: 'Prepare the task before the decision it serves (the paper is in deliberation); needs a reason. Default: the paper must be adopted',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  beforeDecision?: boolean;

  @ApiPropertyOptional({ description: 'With beforeDecision: why it cannot wait for the decision', example: 'Auftakt des Beratungsworkshops am 30.08.2021' })
  @ValidateIf((o: CreateTaskDto) => o.beforeDecision === true || o.reason !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(2_000)
  reason?: string;
}
