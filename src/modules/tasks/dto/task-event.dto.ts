import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsCalendarDay, IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { TASK_EVENT_TYPES, type TaskEventType } from '../task.types';

/**
 * One task event. Types and formats are checked here (400); whether the event fits the
 * task's kind, state and data is the machine's answer (409 with what is allowed and why not).
 */
export class TaskEventDto {
  @ApiProperty({ enum: TASK_EVENT_TYPES })
  @IsIn(TASK_EVENT_TYPES)
  type: TaskEventType;

  @ApiPropertyOptional({ description: 'Refuse with 409 unless the task is still at this version' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'CANCEL, REJECT' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  reason?: string;

  @ApiPropertyOptional({ description: 'workshop INVITE: the workshop day', example: '2021-08-30' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  date?: string;

  @ApiPropertyOptional({ description: 'SET_DUE_DATE (null clears it), REQUEST_PROOF_OF_USE', example: '2022-06-30', nullable: true })
  @ValidateIf((o: TaskEventDto) => o.dueDate !== null && o.dueDate !== undefined)
  @IsCalendarDay()
  dueDate?: string | null;

  @ApiPropertyOptional({ description: 'workshop DOCUMENT' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(20_000)
  documentation?: string;

  @ApiPropertyOptional({ description: 'tender PUBLISH: the reference on the procurement platform', example: 'Vergabe-RE-2021-0815' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  platformReference?: string;

  @ApiPropertyOptional({ description: 'tender PUBLISH: last day for offers', example: '2021-11-15' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  offerDeadline?: string;

  @ApiPropertyOptional({ description: 'tender AWARD' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  contractor?: string;

  @ApiPropertyOptional({ description: 'tender AWARD, funding APPROVE and CALL_FUNDS: euros', example: 48500 })
  @IsOptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  amount?: number;

  @ApiPropertyOptional({ description: 'funding APPROVE: conditions of the grant' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  conditions?: string;

  @ApiPropertyOptional({ description: 'funding START_DRAFTING: the programme’s submission deadline', example: '2021-10-31' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  submissionDeadline?: string;

  @ApiPropertyOptional({ description: 'ASSIGN: the user responsible (null: nobody)', nullable: true })
  @ValidateIf((o: TaskEventDto) => o.assigneeId !== null && o.assigneeId !== undefined)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ description: 'ASSIGN: the department' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  department?: string;
}
