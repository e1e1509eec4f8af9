import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Body } from './body.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { Person } from './person.entity';
import { SignOffRule } from './sign-off-rule.entity';
import { SignOffRulesController } from './sign-off-rules.controller';
import { SignOffRulesService } from './sign-off-rules.service';

@Module({
  imports: [TypeOrmModule.forFeature([Body, Organization, Person, Membership, SignOffRule]), AuditModule],
  controllers: [OrganizationsController, SignOffRulesController],
  providers: [OrganizationsService, SignOffRulesService],
  exports: [OrganizationsService, SignOffRulesService],
})
export class BodiesModule {}
