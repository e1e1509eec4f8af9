import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class DocumentQuery {
  @ApiPropertyOptional({ enum: ['all', 'public'], default: 'all', description: 'public: without anything of the non-public part' })
  @IsOptional()
  @IsIn(['all', 'public'])
  part?: 'all' | 'public';

  @ApiPropertyOptional({ enum: ['current', 'invited'], default: 'current', description: 'invited: the agenda as the invitation sent it' })
  @IsOptional()
  @IsIn(['current', 'invited'])
  version?: 'current' | 'invited';
}
