import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { SIGNER_ROLES, type SignerRole } from '../sign-off-rule';

export class SignerParams {
  @ApiProperty()
  @IsUUID()
  userId: string;
}

/** How a user signs: replaced as a whole. */
export class PutSignerDto {
  @ApiProperty({ example: 'Butz', description: 'The name printed under the signature' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Kreisdirektor', description: 'The function printed under the name' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  function: string;

  @ApiPropertyOptional({ type: [String], example: ['Kämmerei'], description: 'Co-sign units this user signs for (default none)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'coSignUnits must not name a unit twice' })
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(100, { each: true })
  coSignUnits?: string[];

  @ApiPropertyOptional({
    enum: SIGNER_ROLES,
    isArray: true,
    example: ['district_administrator'],
    description: 'Line roles this user may sign "i.V." for when their holder is absent (default none)',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(SIGNER_ROLES.length)
  @ArrayUnique({ message: 'deputyFor must not name a role twice' })
  @IsIn(SIGNER_ROLES, { each: true })
  deputyFor?: SignerRole[];
}
