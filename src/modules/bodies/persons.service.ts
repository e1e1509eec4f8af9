import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Person } from './person.entity';

/** The parts of a person's name the minutes and mails put together. */
export interface PersonName {
  id: string;
  formOfAddress: string | null;
  title: string | null;
  givenName: string | null;
  familyName: string;
}

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

  /** The names of those of the persons that exist (of the body, when given). */
  async names(ids: readonly string[], options: { bodyId?: string; manager?: EntityManager } = {}): Promise<PersonName[]> {
    if (ids.length === 0) return [];
    const repository = options.manager?.getRepository(Person) ?? this.persons;
    return repository.find({
      where: { id: In([...ids]), ...(options.bodyId && { bodyId: options.bodyId }) },
      select: { id: true, formOfAddress: true, title: true, givenName: true, familyName: true },
    });
  }
}
