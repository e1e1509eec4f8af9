import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/**
 * The rules of procedure an admin edits on an organization. Only the Widerspruchsfrist for
 * now (§ 39 Abs. 1 KrO NRW); the other rules are seeded. At least one field must be given.
 */
export class UpdateOrganizationDto {
  @ApiPropertyOptional({
    nullable: true,
    example: 3,
    description: 'Widerspruchsfrist (§ 39 Abs. 1 KrO NRW): calendar days after the session in which the Landrat may object; null: none',
  })
  @ValidateIf((o: UpdateOrganizationDto) => o.objectionWindowDays !== null)
  @IsInt()
  @Min(0)
  @Max(60)
  objectionWindowDays?: number | null;
}
