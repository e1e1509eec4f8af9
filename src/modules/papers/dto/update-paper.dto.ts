import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { CreatePaperDto } from './create-paper.dto';

/**
 * Edits a draft; `consultations`, when given, replaces the whole Beratungsfolge. Null is
 * refused for every field except the nullable ones (`costs`, `responsibleUnit`, `paperDate`), where it clears.
 */
export class UpdatePaperDto extends PartialType(OmitType(CreatePaperDto, ['signOffSteps', 'answersPaperId'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'Refuse with 409 unless the paper is still at this version' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
