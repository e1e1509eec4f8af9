import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ListTasksQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  paperId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ enum: ['open', 'done', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'done', 'cancelled'])
  outcome?: 'open' | 'done' | 'cancelled';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only open tasks whose due day has passed' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}
