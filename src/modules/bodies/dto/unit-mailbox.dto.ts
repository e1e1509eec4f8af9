import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../infrastructure/http/validators';

export class UnitParams {
  @ApiProperty({ example: 'Kreisdirektor – Digitalisierung', description: 'The unit as papers name it in responsibleUnit' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  unit: string;
}

/** Where a unit's Beschlussauszüge go. */
export class PutUnitMailboxDto {
  @ApiProperty({ example: 'digitalisierung@kreis-recklinghausen.example', description: 'The unit’s (functional) mailbox' })
  @IsString()
  @IsEmail({}, { message: 'email must be a mail address' })
  @MaxLength(254)
  email: string;
}
