import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateMeetingDto {
  @ApiProperty()
  @IsUUID()
  organizationId: string;

  @ApiProperty({ description: 'ISO instant with offset', example: '2021-08-31T17:00:00+02:00' })
  @IsISO8601({ strict: true })
  start: string;

  @ApiPropertyOptional({ example: '2021-08-31T19:00:00+02:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  end?: string;

  @ApiPropertyOptional({ example: 'Kreishaus Recklinghausen, Sitzungssaal' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  location?: string;
}
