import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../../shared/domain-error';
import { Organization } from './organization.entity';

/** Organizations of one body; another body's organizations do not exist for the caller. */
@Injectable()
export class OrganizationsService {
  constructor(@InjectRepository(Organization) private readonly organizations: Repository<Organization>) {}

  list(bodyId: string): Promise<Organization[]> {
    return this.organizations.find({ where: { bodyId }, order: { name: 'ASC' } });
  }

  async get(bodyId: string, id: string): Promise<Organization> {
    const organization = await this.organizations.findOne({ where: { bodyId, id } });
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }
}
