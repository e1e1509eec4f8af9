import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../infrastructure/http/validators';

/**
 * Where a unit's Beschlussauszüge go. The unit is named in the body, not the path: unit
 * names are free text the body chooses ("FB 10", "Kreisdirektor – Digitalisierung"), which
 * no path pattern could tell from a mistyped or hostile segment.
 */
export class PutUnitMailboxDto {
  @ApiProperty({ example: 'Kreisdirektor – Digitalisierung', description: 'The unit exactly as papers name it in responsibleUnit' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  unit: string;

  @ApiProperty({ example: 'digitalisierung@kreis-recklinghausen.example', description: 'The unit’s (functional) mailbox' })
  @IsString()
  @IsEmail({}, { message: 'email must be a mail address' })
  @MaxLength(254)
  email: string;
}
