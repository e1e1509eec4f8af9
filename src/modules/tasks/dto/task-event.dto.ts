import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { TASK_EVENT_TYPES, type TaskEventType } from '../task.types';
import { CALENDAR_DAY } from './create-task.dto';

/**
 * One task event. Types and formats are checked here (400); whether the event fits the
 * task's kind, state and data is the machine's answer (409 with what is allowed and why not).
 */
export class TaskEventDto {
  @ApiProperty({ enum: TASK_EVENT_TYPES })
  @IsIn(TASK_EVENT_TYPES)
  type: TaskEventType;

  @ApiPropertyOptional({ description: 'Refuse with 409 unless the task is still at this version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'CANCEL, REJECT' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  reason?: string;

  @ApiPropertyOptional({ description: 'workshop INVITE: the workshop day', example: '2021-08-30' })
  @IsOptional()
  @Matches(CALENDAR_DAY, { message: 'date must be a day YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ description: 'SET_DUE_DATE (null clears it), REQUEST_PROOF_OF_USE', example: '2022-06-30', nullable: true })
  @ValidateIf((o: TaskEventDto) => o.dueDate !== null && o.dueDate !== undefined)
  @Matches(CALENDAR_DAY, { message: 'dueDate must be a day YYYY-MM-DD' })
  dueDate?: string | null;

  @ApiPropertyOptional({ description: 'workshop DOCUMENT' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  documentation?: string;

  @ApiPropertyOptional({ description: 'tender PUBLISH: the reference on the procurement platform', example: 'Vergabe-RE-2021-0815' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  platformReference?: string;

  @ApiPropertyOptional({ description: 'tender PUBLISH: last day for offers', example: '2021-11-15' })
  @IsOptional()
  @Matches(CALENDAR_DAY, { message: 'offerDeadline must be a day YYYY-MM-DD' })
  offerDeadline?: string;

  @ApiPropertyOptional({ description: 'tender AWARD' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  contractor?: string;

  @ApiPropertyOptional({ description: 'tender AWARD, funding APPROVE and CALL_FUNDS: euros', example: 48500 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  amount?: number;

  @ApiPropertyOptional({ description: 'funding APPROVE: conditions of the grant' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  conditions?: string;

  @ApiPropertyOptional({ description: 'funding START_DRAFTING: the programme’s submission deadline', example: '2021-10-31' })
  @IsOptional()
  @Matches(CALENDAR_DAY, { message: 'submissionDeadline must be a day YYYY-MM-DD' })
  submissionDeadline?: string;

  @ApiPropertyOptional({ description: 'ASSIGN: the user responsible (null: nobody)', nullable: true })
  @ValidateIf((o: TaskEventDto) => o.assigneeId !== null && o.assigneeId !== undefined)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ description: 'ASSIGN: the department' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string;
}
