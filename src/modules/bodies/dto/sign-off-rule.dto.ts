import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { PAPER_TYPES, type PaperType } from '../../papers/paper.types';
import { SIGNER_ROLES, type SignerRole } from '../sign-off-rule';

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
}
