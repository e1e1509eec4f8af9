import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { PAPER_TYPES, type PaperType } from '../../papers/paper.types';
import { SIGN_OFF_MODES, SIGNER_ROLES, type SignerRole, type SignOffMode } from '../sign-off-rule';

export class SignOffRuleParams {
  @ApiProperty({ enum: PAPER_TYPES })
  @IsIn(PAPER_TYPES)
  paperType: PaperType;
}

export class PutSignOffRuleDto {
  @ApiProperty({ enum: SIGNER_ROLES, isArray: true, description: 'Roles in the order they sign; empty: released on submission' })
  @IsArray()
  @ArrayMaxSize(SIGNER_ROLES.length)
  @ArrayUnique({ message: 'steps must not name a role twice' })
  @IsIn(SIGNER_ROLES, { each: true })
  steps: SignerRole[];

  @ApiPropertyOptional({
    type: [String],
    example: ['Kämmerei', 'Rechtsamt'],
    description: 'Co-sign units that sign in parallel, in any order; the last step of the line releases only after all. Default: none',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'parallel must not name a unit twice' })
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(100, { each: true })
  parallel?: string[];

  @ApiPropertyOptional({
    enum: SIGN_OFF_MODES,
    description: 'chain (default): signed off by the steps; none: no administrative sign-off, papers of the type are registered by the committee office (Anträge, Anfragen); steps and parallel must then be empty',
  })
  @IsOptionalNotNull()
  @IsIn(SIGN_OFF_MODES)
  mode?: SignOffMode;
}
