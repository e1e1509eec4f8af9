import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class ListMeetingsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ description: 'Meetings starting at or after (ISO date or instant)', example: '2021-08-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Meetings starting before (ISO date or instant)', example: '2021-10-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
