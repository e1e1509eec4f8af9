import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAPER_STATES } from '../paper.types';

/** A top-level state (`deliberation` and `contested` cover both their sub-states) or a flattened one. */
export const PAPER_STATE_FILTERS = ['deliberation', 'contested', ...PAPER_STATES] as const;

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
