import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'clerk' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  username: string;

  @ApiProperty({ example: 'clerk' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  password: string;

  @ApiPropertyOptional({ description: 'Needed only when the user holds roles in several bodies' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}
