import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay, IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';
import { SIGNER_ROLES, type SignerRole } from '../../bodies/sign-off-rule';
import { CONSULTATION_ROLES, PAPER_TYPES, type ClimateEffect, type ConsultationRole, type PaperType } from '../paper.types';

const CLIMATE_EFFECTS = ['none', 'positive', 'negative'] as const;

export class ClimateImpactDto {
  @ApiProperty({ enum: CLIMATE_EFFECTS })
  @IsIn(CLIMATE_EFFECTS)
  effect: ClimateEffect;

  @ApiPropertyOptional({ description: 'Required before SUBMIT unless effect is none' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  justification?: string;
}

export class ConsultationDto {
  @ApiProperty()
  @IsUUID()
  organizationId: string;

  @ApiProperty({ enum: CONSULTATION_ROLES })
  @IsIn(CONSULTATION_ROLES)
  role: ConsultationRole;

  @ApiPropertyOptional({ example: '2021-08-31' })
  @IsOptional()
  @IsCalendarDay()
  plannedDate?: string;

  @ApiPropertyOptional({ example: '2.a' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  agendaItemNumber?: string;

  @ApiPropertyOptional({ example: 'Herr Haumann' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reporter?: string;
}

/** One line of the Kosten (cost-items.ts): amounts in integer euro cents. */
export class CostItemDto {
  @ApiProperty({ example: 2022, description: 'Haushaltsjahr' })
  @IsInt()
  @Min(1900)
  @Max(2200)
  fiscalYear: number;

  @ApiProperty({ example: '01.11.01 Digitalisierung', description: 'Produkt of the budget' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  product: string;

  @ApiProperty({ example: 2500000, description: 'Amount in euro cents (25.000,00 € = 2500000)' })
  @IsInt()
  @Min(0)
  amountCents: number;

  @ApiProperty({ example: 'Fördermittel MWIDE', description: 'Who funds it' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  fundedBy: string;

  @ApiProperty({ example: 500000, description: 'The Kreis’s own share in euro cents, at most amountCents' })
  @IsInt()
  @Min(0)
  ownShareCents: number;
}

/** A draft Vorlage (CONTRACT.md "Paper fields"). Only the title is needed to start a draft. */
export class CreatePaperDto {
  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  title: string;

  @ApiProperty({ enum: PAPER_TYPES })
  @IsIn(PAPER_TYPES)
  paperType: PaperType;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(50_000)
  decisionProposal?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200_000)
  facts?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(5_000, { each: true })
  goals?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(10_000, { each: true })
  measures?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  costs?: string;

  @ApiPropertyOptional({ type: [CostItemDto], description: 'The Kosten as data, next to the text in costs' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CostItemDto)
  costItems?: CostItemDto[];

  @ApiPropertyOptional({ example: '2021-08-10', description: 'The Vorlage’s date (Berlin calendar day)' })
  @IsOptional()
  @IsCalendarDay()
  paperDate?: string;

  @ApiPropertyOptional({ type: ClimateImpactDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ClimateImpactDto)
  climateImpact?: ClimateImpactDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  responsibleUnit?: string;

  @ApiPropertyOptional({ type: [ConsultationDto], description: 'The Beratungsfolge, in order' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ConsultationDto)
  consultations?: ConsultationDto[];

  @ApiPropertyOptional({
    enum: SIGNER_ROLES,
    isArray: true,
    description:
      'Sign-off chain, in order; default: the body’s chain for the paper type (GET /sign-off-rules). It must contain that chain in order; steps may only be added',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(SIGNER_ROLES.length)
  @ArrayUnique({ message: 'signOffSteps must not name a role twice' })
  @IsIn(SIGNER_ROLES, { each: true })
  signOffSteps?: SignerRole[];

  @ApiPropertyOptional({ description: 'A Mitteilungsvorlage that answers an Anfrage of this body (its Beantwortung); set at creation only' })
  @IsOptionalNotNull()
  @IsUUID()
  answersPaperId?: string;
}
