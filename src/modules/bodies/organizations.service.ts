import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { AuditService } from '../audit/audit.service';
import type { UpdateOrganizationDto } from './dto/update-organization.dto';
import { Organization } from './organization.entity';

/** Organizations of one body; another body's organizations do not exist for the caller. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(bodyId: string): Promise<Organization[]> {
    return this.organizations.find({ where: { bodyId }, order: { name: 'ASC' } });
  }

  /** The seats of the organization (members and substitutes) on a day (default: every seat ever held). */
  async memberships(bodyId: string, id: string, date?: string) {
    await this.get(bodyId, id);
    const rows: { person_id: string; name: string; role: string; voting_right: boolean; start_date: string; end_date: string | null }[] =
      await this.organizations.query(
        `SELECT ms.person_id, concat_ws(' ', p.title, p.given_name, p.family_name) AS name, ms.role, ms.voting_right,
           to_char(ms.start_date, 'YYYY-MM-DD') AS start_date, to_char(ms.end_date, 'YYYY-MM-DD') AS end_date
         FROM membership ms JOIN person p ON p.id = ms.person_id
         WHERE ms.organization_id = $1 AND ($2::date IS NULL OR (ms.start_date <= $2::date AND (ms.end_date IS NULL OR ms.end_date >= $2::date)))
         ORDER BY p.family_name, p.given_name NULLS FIRST`,
        [id, date ?? null],
      );
    return rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      role: r.role,
      votingRight: r.voting_right,
      startDate: r.start_date,
      endDate: r.end_date,
    }));
  }

  /** The organization if the body has it (other modules check ids they are given). */
  find(bodyId: string, id: string): Promise<Organization | null> {
    return this.organizations.findOne({ where: { bodyId, id } });
  }

  async get(bodyId: string, id: string): Promise<Organization> {
    const organization = await this.organizations.findOne({ where: { bodyId, id } });
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  /**
   * An admin's change of the rules of procedure, audited (subject type `organization`).
   * Decisions already taken keep the window they were given when adopted.
   */
  async update(actor: WorkflowActor, bodyId: string, id: string, dto: UpdateOrganizationDto): Promise<Organization> {
    if (dto.objectionWindowDays === undefined) {
      throw new BadInputError('Nothing to change', [{ field: 'objectionWindowDays', messages: ['objectionWindowDays is required (a number of days, or null for none)'] }]);
    }
    return this.organizations.manager.transaction(async (m) => {
      const organization = await m.findOne(Organization, { where: { bodyId, id }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw new NotFoundError('Organization', id);
      const previous = organization.objectionWindowDays;
      await m.update(Organization, { id }, { objectionWindowDays: dto.objectionWindowDays });
      // The row lock keeps changes of one organization in turn; its history numbers them.
      const seq = (await this.audit.history(bodyId, 'organization', id)).length + 1;
      await this.audit.append(m, {
        bodyId,
        subjectType: 'organization',
        subjectId: id,
        seq,
        type: 'SET_RULES_OF_PROCEDURE',
        actorId: actor.id,
        actorName: actor.username,
        at: this.clock.now(),
        fromState: null,
        toState: 'set',
        payload: { objectionWindowDays: dto.objectionWindowDays, previous: { objectionWindowDays: previous } },
        machineVersion: 0,
      });
      return { ...organization, objectionWindowDays: dto.objectionWindowDays ?? null };
    });
  }
}
