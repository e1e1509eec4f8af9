import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const PAPER_STATE_FILTERS = [
  'draft',
  'signOff',
  'deliberation',
  'deliberation.awaitingAgenda',
  'deliberation.scheduled',
  'urgentlyDecided',
  'adopted',
  'inImplementation',
  'closed',
  'rejected',
  'withdrawn',
  'noted',
] as const;

export class ListPapersQuery {
  @ApiPropertyOptional({ enum: PAPER_STATE_FILTERS })
  @IsOptional()
  @IsIn(PAPER_STATE_FILTERS)
  state?: (typeof PAPER_STATE_FILTERS)[number];

  @ApiPropertyOptional({ description: 'Search in title and reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}
