import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreatePaperDto } from './create-paper.dto';

/** Edits a draft; `consultations`, when given, replaces the whole Beratungsfolge. */
export class UpdatePaperDto extends PartialType(OmitType(CreatePaperDto, ['signOffSteps'] as const)) {
  @ApiPropertyOptional({ description: 'Refuse with 409 unless the paper is still at this version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
