import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { ItemVotesDto } from './agenda-item.dto';

export class ProposeAmendmentDto {
  @ApiProperty({ description: 'The decision text as it reads if the Änderungsantrag is adopted (full replacement)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50_000)
  text: string;

  @ApiPropertyOptional({ description: 'The change in words, e.g. "In Nr. 2 wird „2022“ durch „2023“ ersetzt"' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(20_000)
  change?: string;

  @ApiPropertyOptional({ description: 'The Fraktion or Gruppe that tables it (or originatorPersonId)' })
  @IsOptionalNotNull()
  @IsUUID()
  originatorOrganizationId?: string;

  @ApiPropertyOptional({ description: 'The member of the organization who tables it (or originatorOrganizationId)' })
  @IsOptionalNotNull()
  @IsUUID()
  originatorPersonId?: string;
}

export const AMENDMENT_RESULTS = ['adopted', 'rejected'] as const;

export class RecordAmendmentResultDto {
  @ApiProperty({ enum: AMENDMENT_RESULTS })
  @IsIn(AMENDMENT_RESULTS)
  result: (typeof AMENDMENT_RESULTS)[number];

  @ApiPropertyOptional({ type: ItemVotesDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ItemVotesDto)
  votes?: ItemVotesDto;
}

export class WithdrawAmendmentDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  reason?: string;
}
