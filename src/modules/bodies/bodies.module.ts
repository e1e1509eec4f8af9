import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../workflow/audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { Body } from './body.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { Person } from './person.entity';
import { PersonsService } from './persons.service';
import { Signer } from './signer.entity';
import { SignersController } from './signers.controller';
import { SignersService } from './signers.service';
import { SignOffRule } from './sign-off-rule.entity';
import { SignOffRulesController } from './sign-off-rules.controller';
import { SignOffRulesService } from './sign-off-rules.service';
import { UnitMailbox } from './unit-mailbox.entity';
import { UnitMailboxesController } from './unit-mailboxes.controller';
import { UnitMailboxesService } from './unit-mailboxes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Body, Organization, Person, Membership, SignOffRule, Signer, UnitMailbox]), AuditModule, IdentityModule],
  controllers: [OrganizationsController, SignOffRulesController, SignersController, UnitMailboxesController],
  providers: [OrganizationsService, PersonsService, SignOffRulesService, SignersService, UnitMailboxesService],
  exports: [OrganizationsService, PersonsService, SignOffRulesService, SignersService, UnitMailboxesService],
})
export class BodiesModule {}
