import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Person } from './person.entity';

/** Persons (members and substitutes of the Gremien) as other modules need them. */
@Injectable()
export class PersonsService {
  constructor(@InjectRepository(Person) private readonly persons: Repository<Person>) {}

  /** "Frau Dr. Anna Beispiel" and the address an invitation goes to. */
  async contact(id: string): Promise<{ id: string; name: string; email: string | null } | null> {
    const person = await this.persons.findOne({ where: { id } });
    if (!person) return null;
    const name = [person.formOfAddress, person.title, person.givenName, person.familyName].filter((part) => part).join(' ');
    return { id: person.id, name, email: person.email };
  }
}
