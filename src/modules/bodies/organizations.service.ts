import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, DomainError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { AuditService } from '../../workflow/audit/audit.service';
import type { UpdateOrganizationDto } from './dto/update-organization.dto';
import { minimumMembers, strengthProblem } from './fraction.rules';
import { COUNCIL_KINDS, isParliamentaryGroup, type OrganizationKind } from './organization-kind';
import { Body } from './body.entity';
import { Organization } from './organization.entity';

/** A Fraktion or Gruppe below the strength § 40 KrO NRW requires cannot act as one (409). */
export class GroupBelowMinimumError extends DomainError {
  constructor(message: string, organizationId: string) {
    super('ORGANIZATION.BELOW_MINIMUM', message, { organizationId });
  }
}

/** Who originates an Antrag, an Anfrage or an Änderungsantrag: a Fraktion/Gruppe, or a member. */
export interface Originator {
  kind: 'fraction' | 'group' | 'person';
  id: string;
  /** As printed: "SPD-Fraktion", "KT-Mitglied 03". */
  name: string;
}

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
  /** Everyone holding a seat (members and substitutes) in the organization on a Berlin day, by family name. */
  async seats(organizationId: string, day: string, manager?: EntityManager): Promise<{ personId: string; name: string; role: string; votingRight: boolean }[]> {
    const rows: { person_id: string; name: string; role: string; voting_right: boolean }[] = await (manager ?? this.organizations.manager).query(
      `SELECT ms.person_id, concat_ws(' ', p.title, p.given_name, p.family_name) AS name, ms.role, ms.voting_right
       FROM membership ms JOIN person p ON p.id = ms.person_id
       WHERE ms.organization_id = $1 AND ms.start_date <= $2::date AND (ms.end_date IS NULL OR ms.end_date >= $2::date)
       ORDER BY p.family_name, p.given_name NULLS FIRST`,
      [organizationId, day],
    );
    return rows.map((r) => ({ personId: r.person_id, name: r.name, role: r.role, votingRight: r.voting_right }));
  }

  /** The body's name (the Kreis), for documents. */
  async bodyName(bodyId: string, manager?: EntityManager): Promise<string> {
    const body = await (manager ?? this.organizations.manager).getRepository(Body).findOneOrFail({ where: { id: bodyId }, select: { id: true, name: true } });
    return body.name;
  }

  /** An organization's name, '' when there is none (a name for a mail). */
  async name(id: string): Promise<string> {
    return (await this.organizations.findOne({ where: { id }, select: { id: true, name: true } }))?.name ?? '';
  }

  /** The kinds of those of the ids that are organizations of the body (others are missing from the map). */
  async kinds(bodyId: string, ids: readonly string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await (manager?.getRepository(Organization) ?? this.organizations).find({ where: { bodyId, id: In([...ids]) }, select: { id: true, kind: true } });
    return new Map(found.map((o) => [o.id, o.kind]));
  }

  find(bodyId: string, id: string, manager?: EntityManager): Promise<Organization | null> {
    return (manager?.getRepository(Organization) ?? this.organizations).findOne({ where: { bodyId, id } });
  }

  async get(bodyId: string, id: string): Promise<Organization> {
    const organization = await this.organizations.findOne({ where: { bodyId, id } });
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  /** Members (not substitutes) of the organization on a Berlin day. */
  async memberCount(organizationId: string, day: string, manager?: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await (manager ?? this.organizations.manager).query(
      `SELECT count(DISTINCT person_id)::int AS n FROM membership
       WHERE organization_id = $1 AND role <> 'substitute' AND start_date <= $2::date AND (end_date IS NULL OR end_date >= $2::date)`,
      [organizationId, day],
    );
    return row.n;
  }

  /** Of these persons, those holding a seat (not a substitute's) in the organization on a Berlin day. */
  async seatHolders(organizationId: string, personIds: string[], day: string, manager?: EntityManager): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const rows: { person_id: string }[] = await (manager ?? this.organizations.manager).query(
      `SELECT DISTINCT person_id FROM membership
       WHERE organization_id = $1 AND person_id = ANY($2::uuid[]) AND role <> 'substitute'
         AND start_date <= $3::date AND (end_date IS NULL OR end_date >= $3::date)`,
      [organizationId, personIds, day],
    );
    return new Set(rows.map((r) => r.person_id));
  }

  /** The strength of a Fraktion or Gruppe on a day against § 40 KrO NRW. */
  async strength(organization: Organization, day: string, manager?: EntityManager) {
    if (!isParliamentaryGroup(organization.kind)) return null;
    const council = organization.parentOrganizationId ? await this.find(organization.bodyId, organization.parentOrganizationId, manager) : null;
    const members = await this.memberCount(organization.id, day, manager);
    const councilMembers = council?.statutoryMembers ?? null;
    const problem = strengthProblem(organization, members, councilMembers);
    return { day, members, minimumMembers: minimumMembers(organization.kind, councilMembers)!, meetsMinimum: problem === undefined, problem: problem ?? null };
  }

  /**
   * The originator of an Antrag, Anfrage or Änderungsantrag, checked on the day: a
   * Fraktion or Gruppe of the given council (with `requireStrength`, one that has the
   * strength § 40 KrO NRW requires, else 409), or a person holding a seat in it. Anything
   * else is 400 naming the field.
   */
  async originator(
    bodyId: string,
    councilId: string,
    ref: { organizationId?: string; personId?: string },
    day: string,
    options: { requireStrength: boolean; fieldPrefix?: string },
    manager?: EntityManager,
  ): Promise<Originator> {
    const field = (name: string) => `${options.fieldPrefix ?? 'originator'}${name}`;
    const refuse = (name: string, message: string): never => {
      throw new BadInputError(`${field(name)}: ${message}`, [{ field: field(name), messages: [message] }]);
    };
    if ((ref.organizationId === undefined) === (ref.personId === undefined)) {
      return refuse('OrganizationId', 'name exactly one originator: a Fraktion/Gruppe (originatorOrganizationId) or a member (originatorPersonId)');
    }
    if (ref.organizationId !== undefined) {
      const group = await this.find(bodyId, ref.organizationId, manager);
      if (!group || !isParliamentaryGroup(group.kind)) return refuse('OrganizationId', 'not a Fraktion or Gruppe of this body');
      if (group.parentOrganizationId !== councilId) return refuse('OrganizationId', 'the Fraktion or Gruppe belongs to another council');
      if (options.requireStrength) {
        const strength = (await this.strength(group, day, manager))!;
        if (strength.problem) throw new GroupBelowMinimumError(strength.problem, group.id);
      }
      return { kind: group.kind as 'fraction' | 'group', id: group.id, name: group.name };
    }
    const seated = await this.seatHolders(councilId, [ref.personId!], day, manager);
    if (!seated.has(ref.personId!)) return refuse('PersonId', `holds no seat in the council on ${day}`);
    const [person]: { name: string }[] = await (manager ?? this.organizations.manager).query(
      `SELECT concat_ws(' ', title, given_name, family_name) AS name FROM person WHERE id = $1 AND body_id = $2`,
      [ref.personId, bodyId],
    );
    if (!person) return refuse('PersonId', 'unknown person');
    return { kind: 'person', id: ref.personId!, name: person.name };
  }

  /** The body's council (Kreistag or Rat) an organization belongs to: itself, or its parent. */
  async councilOf(organization: Organization, manager?: EntityManager): Promise<Organization | null> {
    if ((COUNCIL_KINDS as readonly OrganizationKind[]).includes(organization.kind)) return organization;
    if (!organization.parentOrganizationId) return null;
    return this.find(organization.bodyId, organization.parentOrganizationId, manager);
  }

  /** The body's council (the Kreistag, or a city's Rat), if it has one. */
  async bodyCouncil(bodyId: string, manager?: EntityManager): Promise<Organization | null> {
    const all = await (manager?.getRepository(Organization) ?? this.organizations).find({ where: { bodyId }, order: { name: 'ASC' } });
    return all.find((o) => (COUNCIL_KINDS as readonly string[]).includes(o.kind)) ?? null;
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
