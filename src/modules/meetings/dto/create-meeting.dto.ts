import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant, IsNotBlank, IsOptionalNotNull } from '../../../infrastructure/http/validators';

export class CreateMeetingDto {
  @ApiProperty()
  @IsUUID()
  organizationId: string;

  @ApiProperty({ description: 'ISO instant with offset', example: '2021-08-31T17:00:00+02:00' })
  @IsInstant()
  start: string;

  @ApiPropertyOptional({ example: '2021-08-31T19:00:00+02:00' })
  @IsOptionalNotNull()
  @IsInstant()
  end?: string;

  @ApiPropertyOptional({ example: 'Kreishaus Recklinghausen, Sitzungssaal' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  location?: string;
}
