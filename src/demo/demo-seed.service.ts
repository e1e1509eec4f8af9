import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../infrastructure/config/app-config';
import { Body } from '../modules/bodies/body.entity';
import { Membership } from '../modules/bodies/membership.entity';
import { Organization } from '../modules/bodies/organization.entity';
import { Person } from '../modules/bodies/person.entity';
import { SignOffRulesService } from '../modules/bodies/sign-off-rules.service';
import { UsersService } from '../modules/identity/users.service';
import { Paper } from '../modules/papers/paper.entity';
import { PapersService } from '../modules/papers/papers.service';
import { KREIS_REFERENCES_BEFORE_2021_119, VORLAGE_2021_119 } from './vorlage-2021-119';
import { SignersService } from '../modules/bodies/signers.service';
import { DEMO_BODIES, DEMO_SIGNERS, DEMO_TERM_START, DEMO_UNIT_MAILBOXES, DEMO_USERS, demoEmail, KREIS } from './demo-data';
import { UnitMailboxesService } from '../modules/bodies/unit-mailboxes.service';
import { startReferenceCounter } from '../modules/papers/reference-allocator';

export interface SeedReport {
  bodies: number;
  organizations: number;
  persons: number;
  memberships: number;
  users: number;
  papers: number;
}

/**
 * Seeds the demo data in demo mode (embedded, or SEED_DEMO=true). Idempotent by
 * natural keys, and serialised by an advisory lock so that two instances
 * starting together seed once.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly papers: PapersService,
    private readonly signOffRules: SignOffRulesService,
    private readonly signers: SignersService,
    private readonly mailboxes: UnitMailboxesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const report = await this.seed();
    this.logger.log({ created: report }, 'demo data ensured');
  }

  /** Ensures the demo data exists; returns how many records it created. */
  seed(): Promise<SeedReport> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ratsweg:demo-seed'))`);
      const report: SeedReport = { bodies: 0, organizations: 0, persons: 0, memberships: 0, users: 0, papers: 0 };
      const bodyIds = new Map<string, string>();
      for (const demo of DEMO_BODIES) {
        const body = await ensure(manager, Body, { name: demo.name }, { shortName: demo.shortName }, () => report.bodies++);
        bodyIds.set(demo.name, body.id);
        // The default chain as each demo body's own rule, so an admin sees and edits real rows.
        await this.signOffRules.ensureDefaults(body.id, manager);
        const named = new Map<string, Person>();
        for (const p of demo.persons) {
          const person = await ensure(
            manager,
            Person,
            { bodyId: body.id, familyName: p.familyName },
            { formOfAddress: p.formOfAddress, givenName: p.givenName, title: p.title },
            () => report.persons++,
          );
          named.set(p.familyName, person);
        }
        for (const o of demo.organizations) {
          const organization = await ensure(
            manager,
            Organization,
            { bodyId: body.id, name: o.name },
            { shortName: o.shortName, kind: o.kind, statutoryMembers: o.statutoryMembers ?? null, motionDeadlineDays: o.motionDeadlineDays ?? null, objectionWindowDays: o.objectionWindowDays ?? null },
            () => report.organizations++,
          );
          if (organization.motionDeadlineDays === null && o.motionDeadlineDays !== undefined) {
            // A demo seeded before the GO's deadline for Anträge existed gets it once.
            await manager.update(Organization, { id: organization.id }, { motionDeadlineDays: o.motionDeadlineDays });
          }
          if (organization.statutoryMembers === null && o.statutoryMembers) {
            // A demo seeded before the statutory number existed gets it once.
            await manager.update(Organization, { id: organization.id }, { statutoryMembers: o.statutoryMembers });
          }
          const chair = o.chairWithVote ? named.get(o.chairWithVote) : undefined;
          if (chair) {
            await ensure(
              manager,
              Membership,
              { organizationId: organization.id, personId: chair.id, startDate: DEMO_TERM_START },
              { bodyId: body.id, role: 'chair', votingRight: true, endDate: null },
              () => report.memberships++,
            );
          }
          const seats = [
            ...Array.from({ length: o.members }, (_, i) => ({ name: `${o.shortName}-Mitglied ${pad(i + 1)}`, role: 'member' })),
            ...Array.from({ length: o.substitutes }, (_, i) => ({ name: `${o.shortName}-Vertretung ${pad(i + 1)}`, role: 'substitute' })),
          ];
          for (const seat of seats) {
            const person = await ensure(
              manager,
              Person,
              { bodyId: body.id, familyName: seat.name },
              { formOfAddress: null, givenName: null, title: null, email: demoEmail(demo.name, seat.name) },
              () => report.persons++,
            );
            await ensure(
              manager,
              Membership,
              { organizationId: organization.id, personId: person.id, startDate: DEMO_TERM_START },
              { bodyId: body.id, role: seat.role, votingRight: seat.role === 'member', endDate: null },
              () => report.memberships++,
            );
          }
        }
        await this.seedGroups(manager, body.id, demo.groups ?? [], demo.organizations, report);
      }
      const users = new Map<string, { id: string; username: string }>();
      for (const u of DEMO_USERS) {
        const { user, created } = await this.users.ensureUser(
          {
            username: u.username,
            password: u.username,
            displayName: u.displayName,
            email: demoEmail(u.body, u.username),
            bodyId: bodyIds.get(u.body)!,
            roles: u.roles,
          },
          manager,
        );
        users.set(u.username, user);
        if (created) report.users++;
      }
      const admin = { ...users.get('admin')!, roles: ['admin' as const] };
      for (const { username, ...profile } of DEMO_SIGNERS) {
        const kreis = bodyIds.get(KREIS)!;
        const user = users.get(username)!;
        if (!(await this.signers.profile(kreis, user.id, manager))) await this.signers.write(manager, admin, kreis, user.id, profile);
      }
      for (const { unit, email } of DEMO_UNIT_MAILBOXES) {
        const kreis = bodyIds.get(KREIS)!;
        if (!(await this.mailboxes.mailbox(kreis, unit, manager))) await this.mailboxes.write(manager, admin, kreis, unit, email);
      }
      if (await this.seedVorlage(manager, bodyIds.get(KREIS)!, users.get('clerk')!)) report.papers++;
      return report;
    });
  }

  /** The council's Fraktionen and Gruppen (§ 40 KrO NRW), their members taken from the council's demo seats. */
  private async seedGroups(
    manager: EntityManager,
    bodyId: string,
    groups: NonNullable<(typeof DEMO_BODIES)[number]['groups']>,
    organizations: (typeof DEMO_BODIES)[number]['organizations'],
    report: SeedReport,
  ): Promise<void> {
    for (const g of groups) {
      const council = await manager.findOneOrFail(Organization, { where: { bodyId, name: g.council } });
      const seatPrefix = organizations.find((o) => o.name === g.council)!.shortName;
      const group = await ensure(
        manager,
        Organization,
        { bodyId, name: g.name },
        { shortName: g.shortName, kind: g.kind, parentOrganizationId: council.id },
        () => report.organizations++,
      );
      for (const seat of g.seats) {
        const person = await manager.findOneOrFail(Person, { where: { bodyId, familyName: `${seatPrefix}-Mitglied ${pad(seat)}` } });
        await ensure(
          manager,
          Membership,
          { organizationId: group.id, personId: person.id, startDate: DEMO_TERM_START },
          { bodyId, role: 'member', votingRight: true, endDate: null },
          () => report.memberships++,
        );
      }
    }
  }

  /** Vorlage 2021/119 as a draft by the clerk, and the Kreis's 2021 counter so its release yields 2021/119. */
  private async seedVorlage(manager: EntityManager, bodyId: string, clerk: { id: string; username: string }): Promise<boolean> {
    await startReferenceCounter(manager, bodyId, KREIS_REFERENCES_BEFORE_2021_119.year, KREIS_REFERENCES_BEFORE_2021_119.lastNumber);
    const existing = await manager.findOne(Paper, { where: { bodyId, title: VORLAGE_2021_119.title } });
    if (existing) return false;
    const organizations = await manager.find(Organization, { where: { bodyId } });
    const idOf = (name: string) => organizations.find((o) => o.name === name)!.id;
    const { consultations, reference: _reference, ...fields } = VORLAGE_2021_119;
    await this.papers.create({ ...clerk, roles: ['clerk'] }, bodyId, {
      ...fields,
      consultations: consultations.map(({ organization, ...c }) => ({ ...c, organizationId: idOf(organization) })),
    }, manager);
    return true;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Finds the row by its natural key, or inserts it with the extra fields. */
async function ensure<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  key: Partial<T>,
  extra: Partial<T>,
  onCreate: () => void,
): Promise<T> {
  const repository = manager.getRepository(entity);
  const found = await repository.findOne({ where: key as never });
  if (found) return found;
  onCreate();
  return repository.save(repository.create({ ...key, ...extra } as T));
}
