import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import { preparedQuery } from '../../workflow/prepared-query';
import { Subject, WorkflowService } from '../../workflow/workflow.service';
import type { PersistedSnapshot, WorkflowActor } from '../../workflow/workflow-definition';
import { AuditService } from '../../workflow/audit/audit.service';
import { organizationColumnSql } from '../bodies/organization-sql';
import { OrganizationsService } from '../bodies/organizations.service';
import { SignOffRulesService } from '../bodies/sign-off-rules.service';
import { Consultation } from './consultation.entity';
import type { ConsultationDto, CreatePaperDto } from './dto/create-paper.dto';
import type { ListPapersQuery } from './dto/list-papers.query';
import type { UpdatePaperDto } from './dto/update-paper.dto';
import type { CostItem } from './cost-items';
import { PaperNotEditableError } from './paper.errors';
import { Paper } from './paper.entity';
import { implementationHold, signOffChainProblem } from './paper.guards';
import type { ImplementationHold } from './paper.types';
import type { PaperContext, PaperType } from './paper.types';
import type { Role } from '../identity/role';
import { paperSummary, paperView, PaperView, type AnswerView } from './paper.view';
import { loadSubmission, type PaperExtra } from './paper-submission';
import { PAPER_WORKFLOW } from './paper-workflow.definition';
import { isParliamentaryGroup } from '../bodies/organization-kind';

/** The columns of an Antrag or Anfrage registered as received (MotionsService). */
export interface RegisteredMotion {
  originatorOrganizationId?: string;
  originatorPersonId?: string;
  receivedAt: string;
  requestedMeetingId?: string;
}

const EDITABLE_FIELDS = [
  'title',
  'paperType',
  'public',
  'decisionProposal',
  'facts',
  'goals',
  'measures',
  'costs',
  'costItems',
  'paperDate',
  'climateImpact',
  'responsibleUnit',
  'consultations',
] as const;

/** A paper as other modules record it: its reference, subject (title), public or not, and the unit responsible. */
export interface PaperFacts {
  reference: string | null;
  title: string;
  public: boolean;
  responsibleUnit: string | null;
}

/** Drafting and reading Vorlagen. Transitions are in PaperEventsService. */
@Injectable()
export class PapersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: WorkflowService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly signOffRules: SignOffRulesService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * A draft (the clerk's Vorlage), or with `registered` the row of an Antrag or Anfrage
   * the committee office registers as received (MotionsService): no sign-off chain, the
   * originator and the day it came in.
   */
  async create(actor: WorkflowActor, bodyId: string, dto: CreatePaperDto, manager?: EntityManager, registered?: RegisteredMotion): Promise<PaperView> {
    let created: Subject | undefined;
    const run = async (m: EntityManager) => {
      const rule = await this.signOffRules.ruleFor(bodyId, dto.paperType, m);
      if (!registered && rule.mode === 'none') {
        const message = `a ${dto.paperType} comes from a Fraktion, a Gruppe or a member and has no administrative sign-off in this body: the committee office registers it as received (POST /papers/motions)`;
        throw new BadInputError(message, [{ field: 'paperType', messages: [message] }]);
      }
      const signOffSteps = registered ? [] : await this.signOffChain(m, bodyId, dto);
      const coSignUnits = registered ? [] : rule.parallel;
      assertCostItems(dto.costItems);
      await this.assertOrganizations(m, bodyId, dto.consultations ?? []);
      if (dto.answersPaperId !== undefined) await this.assertAnswers(m, bodyId, dto.paperType, dto.answersPaperId);
      const id = randomUUID();
      const born = await this.workflow.create(m, PAPER_WORKFLOW, {
        id,
        bodyId,
        actor,
        at: this.clock.now(),
        input: { paperType: dto.paperType, signOffSteps, coSignUnits, ...(dto.answersPaperId && { answersPaperId: dto.answersPaperId }) },
        entity: Paper,
        columns: () => ({
          paperType: dto.paperType,
          title: dto.title.trim(),
          public: dto.public ?? true,
          decisionProposal: dto.decisionProposal ?? '',
          facts: dto.facts ?? '',
          goals: dto.goals ?? [],
          measures: dto.measures ?? [],
          costs: dto.costs ?? null,
          costItems: dto.costItems ? plainCostItems(dto.costItems) : [],
          paperDate: dto.paperDate ?? null,
          climateEffect: dto.climateImpact?.effect ?? 'none',
          climateJustification: dto.climateImpact?.justification ?? null,
          responsibleUnit: dto.responsibleUnit ?? null,
          originatorOrganizationId: registered?.originatorOrganizationId ?? null,
          originatorPersonId: registered?.originatorPersonId ?? null,
          receivedAt: registered ? new Date(registered.receivedAt) : null,
          requestedMeetingId: registered?.requestedMeetingId ?? null,
          answersPaperId: dto.answersPaperId ?? null,
          createdBy: actor.id,
        }),
        payload: {
          fields: pick(dto, EDITABLE_FIELDS),
          signOffSteps,
          coSignUnits,
          ...(dto.answersPaperId && { answersPaperId: dto.answersPaperId }),
          ...(registered && { registered }),
        },
      });
      await this.replaceConsultations(m, id, bodyId, dto.consultations ?? []);
      const extra: PaperExtra = { submission: await loadSubmission(m, id) };
      created = { ...born, extra };
      return this.load(m, bodyId, id);
    };
    if (manager) return run(manager); // the caller's transaction may still roll back: remember nothing
    const view = await this.dataSource.transaction(run);
    this.workflow.remember(PAPER_WORKFLOW, created!);
    return view;
  }

  /**
   * The paper's state and what § 39 KrO NRW holds back at `at` (an open objection window,
   * a suspension, an annulment), for the tasks module, which carries decisions out. With
   * `m` the paper's row is locked for the caller's transaction, so a Widerspruch or a
   * Beanstandung cannot slip in between the check and the task's change.
   */
  async implementationHold(bodyId: string, paperId: string, at: Date, m?: EntityManager): Promise<{ state: string; hold: ImplementationHold | undefined }> {
    const subject = m
      ? await this.workflow.lock(m, PAPER_WORKFLOW, paperId, bodyId)
      : await this.workflow.read(this.dataSource.manager, PAPER_WORKFLOW, paperId, bodyId);
    return { state: subject.state, hold: implementationHold(subject.state, subject.snapshot.context as PaperContext, at.toISOString()) };
  }

  /** Edits a draft under its row lock; the change is one audit entry and one version. */
  async update(actor: WorkflowActor, bodyId: string, id: string, dto: UpdatePaperDto): Promise<PaperView> {
    let edited: Subject | undefined;
    const view = await this.dataSource.transaction(async (m) => {
      const subject = await this.workflow.lock(m, PAPER_WORKFLOW, id, bodyId, dto.expectedVersion);
      if (subject.state !== 'draft') throw new PaperNotEditableError(subject.state);
      const changes = pick(dto, EDITABLE_FIELDS);
      if (Object.keys(changes).length === 0) throw new BadInputError('Nothing to change: name at least one field');
      if (dto.paperType !== undefined) await this.assertTypeChange(m, bodyId, id, dto.paperType);
      assertCostItems(dto.costItems ?? undefined);
      if (dto.consultations) {
        await this.assertOrganizations(m, bodyId, dto.consultations);
        await this.replaceConsultations(m, id, bodyId, dto.consultations);
      }
      const context = subject.snapshot.context as PaperContext;
      const signOffSteps = dto.paperType ? await this.chainForNewType(m, bodyId, dto.paperType, context.signOffSteps) : undefined;
      if (signOffSteps) changes.signOffSteps = signOffSteps;
      // The co-signers are the body's for the type, whatever the author did.
      const coSignUnits = dto.paperType ? (await this.signOffRules.ruleFor(bodyId, dto.paperType, m)).parallel : undefined;
      if (coSignUnits) changes.coSignUnits = coSignUnits;
      const snapshot: PersistedSnapshot = {
        value: subject.snapshot.value,
        context: dto.paperType
          ? { ...context, paperType: dto.paperType, ...(signOffSteps && { signOffSteps }), coSignUnits, coSignatures: [] }
          : context,
      };
      const version = subject.version + 1;
      await m.update(Paper, { id }, {
        ...(dto.title !== undefined && { title: dto.title.trim() }),
        ...(dto.paperType !== undefined && { paperType: dto.paperType }),
        ...(dto.public !== undefined && { public: dto.public }),
        ...(dto.decisionProposal !== undefined && { decisionProposal: dto.decisionProposal }),
        ...(dto.facts !== undefined && { facts: dto.facts }),
        ...(dto.goals !== undefined && { goals: dto.goals }),
        ...(dto.measures !== undefined && { measures: dto.measures }),
        ...(dto.costs !== undefined && { costs: dto.costs }),
        ...(dto.costItems !== undefined && { costItems: plainCostItems(dto.costItems) }),
        ...(dto.paperDate !== undefined && { paperDate: dto.paperDate }),
        ...(dto.climateImpact !== undefined && {
          climateEffect: dto.climateImpact.effect,
          climateJustification: dto.climateImpact.justification ?? null,
        }),
        ...(dto.responsibleUnit !== undefined && { responsibleUnit: dto.responsibleUnit }),
        snapshot: snapshot as never,
        version,
      });
      const entry = await this.audit.append(m, {
        bodyId,
        subjectType: 'paper',
        subjectId: id,
        seq: version,
        type: 'EDIT',
        actorId: actor.id,
        actorName: actor.username,
        at: this.clock.now(),
        fromState: 'draft',
        toState: 'draft',
        payload: { changes },
        machineVersion: subject.machineVersion,
      });
      const extra: PaperExtra = { submission: await loadSubmission(m, id) };
      edited = { ...subject, version, snapshot: subject.machine.resolveState(snapshot), head: entry.hash, extra };
      return this.load(m, bodyId, id);
    });
    this.workflow.remember(PAPER_WORKFLOW, edited!);
    return view;
  }

  async list(bodyId: string, query: ListPapersQuery) {
    const qb = this.dataSource.getRepository(Paper).createQueryBuilder('p').where('p.bodyId = :bodyId', { bodyId });
    if (query.state) {
      qb.andWhere(query.state.includes('.') ? 'p.state = :state' : "(p.state = :state OR p.state LIKE :state || '.%')", {
        state: query.state,
      });
    }
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(p.title ILIKE :pattern OR p.reference ILIKE :pattern)', { pattern });
    }
    const [rows, total] = await qb
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { data: rows.map(paperSummary), total, page: query.page, limit: query.limit };
  }

  /** Papers of the body in one state (top-level or flattened), oldest change first: the inbox's lists. */
  async inState(bodyId: string, state: 'draft' | 'signOff', createdBy?: string) {
    const rows = await this.dataSource.getRepository(Paper).find({
      where: { bodyId, state, ...(createdBy ? { createdBy } : {}) },
      order: { updatedAt: 'ASC', id: 'ASC' },
      take: 200,
    });
    return rows.map(paperSummary);
  }

  get(bodyId: string, id: string): Promise<PaperView> {
    return this.load(this.dataSource.manager, bodyId, id);
  }

  /**
   * What another module records of papers at a moment (the meetings module's
   * Beschlussauszüge): reference, subject, public, responsible unit — read in the
   * caller's transaction, for papers of this body only.
   */
  async facts(manager: EntityManager, bodyId: string, ids: readonly string[]): Promise<Map<string, PaperFacts>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(Paper, {
      where: { bodyId, id: In([...ids]) },
      select: { id: true, reference: true, title: true, public: true, responsibleUnit: true },
    });
    return new Map(rows.map((p) => [p.id, { reference: p.reference, title: p.title, public: p.public, responsibleUnit: p.responsibleUnit }]));
  }

  /** What a mail about the paper says of it: reference, title, its author, its context. */
  async notice(id: string): Promise<{ reference: string | null; title: string; createdBy: string; context: PaperContext } | null> {
    const paper = await this.dataSource.manager.findOne(Paper, { where: { id }, select: { id: true, reference: true, title: true, createdBy: true, snapshot: true } });
    if (!paper) return null;
    return { reference: paper.reference, title: paper.title, createdBy: paper.createdBy, context: (paper.snapshot as unknown as { context: PaperContext }).context };
  }

  /**
   * The Beschlusskontrolle's papers: those of the body in one of the states, and those
   * named (papers with a task), by reference, then by age.
   */
  async forReport(bodyId: string, states: readonly string[], alsoIds: readonly string[]): Promise<{ id: string; reference: string | null; title: string; state: string }[]> {
    return this.dataSource.manager
      .createQueryBuilder(Paper, 'p')
      .select(['p.id', 'p.reference', 'p.title', 'p.state', 'p.createdAt'])
      .where('p.bodyId = :bodyId', { bodyId })
      .andWhere(alsoIds.length ? '(p.state IN (:...states) OR p.id IN (:...alsoIds))' : 'p.state IN (:...states)', { states, alsoIds })
      .orderBy('p.reference', 'ASC', 'NULLS LAST')
      .addOrderBy('p.createdAt', 'ASC')
      .getMany();
  }

  /** Reference, title and whether public, of each of the papers (for agendas and minutes). */
  async references(m: EntityManager, paperIds: readonly string[]): Promise<Map<string, { reference: string | null; title: string; public: boolean }>> {
    if (paperIds.length === 0) return new Map();
    const rows = await m.find(Paper, { where: { id: In([...paperIds]) }, select: { id: true, reference: true, title: true, public: true } });
    return new Map(rows.map((r) => [r.id, { reference: r.reference, title: r.title, public: r.public }]));
  }

  /**
   * The paper locked for the caller's transaction, as an agenda sees it (title, public,
   * state, context): a second office placing the same paper waits, then finds it moved on.
   */
  async lockForAgenda(m: EntityManager, bodyId: string, paperId: string): Promise<{ title: string; public: boolean; state: string; context: PaperContext } | undefined> {
    const paper = await m.findOne(Paper, { where: { id: paperId, bodyId }, lock: { mode: 'pessimistic_write' } });
    return paper ? { title: paper.title, public: paper.public, state: paper.state, context: (paper.snapshot as unknown as { context: PaperContext }).context } : undefined;
  }

  /** The paper with its Beratungsfolge in one query. */
  async load(manager: EntityManager, bodyId: string, id: string): Promise<PaperView> {
    const rows = await preparedQuery<{ paper: Record<string, unknown>; consultations: Record<string, unknown>[]; answers: AnswerView[] }>(
      manager,
      `SELECT to_jsonb(p) AS paper,
         COALESCE((SELECT jsonb_agg(to_jsonb(c) || jsonb_build_object('organization_name', ${organizationColumnSql('name', 'c.organization_id')}) ORDER BY c.position)
                   FROM consultation c WHERE c.paper_id = p.id), '[]') AS consultations,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'reference', a.reference, 'title', a.title, 'state', a.state) ORDER BY a.created_at, a.id)
                   FROM paper a WHERE a.answers_paper_id = p.id), '[]') AS answers
       FROM paper p WHERE p.id = $1 AND p.body_id = $2`,
      [id, bodyId],
    );
    if (!rows[0]) throw new NotFoundError('Paper', id);
    return paperView(fromRow(rows[0].paper), rows[0].consultations.map(consultationFromRow), rows[0].answers);
  }

  /**
   * The chain a new paper must pass: the body's rule for its type, or the author's chain
   * if it contains that rule in order (steps may be added, never dropped or reordered).
   */
  private async signOffChain(m: EntityManager, bodyId: string, dto: CreatePaperDto): Promise<Role[]> {
    const required = await this.signOffRules.stepsFor(bodyId, dto.paperType, m);
    if (dto.signOffSteps === undefined) return required;
    const problem = signOffChainProblem(required, dto.signOffSteps);
    if (problem) throw new BadInputError(problem, [{ field: 'signOffSteps', messages: [problem] }]);
    return [...dto.signOffSteps];
  }

  /**
   * A draft whose type changes keeps its chain if that still satisfies the body's rule
   * for the new type, and otherwise takes that rule: an Anfrage without sign-off must not
   * become a Beschlussvorlage without sign-off. Undefined: the chain stays.
   */
  private async chainForNewType(m: EntityManager, bodyId: string, paperType: PaperType, chain: Role[]): Promise<Role[] | undefined> {
    const required = await this.signOffRules.stepsFor(bodyId, paperType, m);
    return signOffChainProblem(required, chain) ? required : undefined;
  }

  /**
   * A draft cannot become a type the committee office registers (no sign-off), and a
   * Beantwortung stays a Mitteilungsvorlage: 400 naming paperType.
   */
  private async assertTypeChange(m: EntityManager, bodyId: string, id: string, paperType: PaperType) {
    const refuse = (message: string): never => {
      throw new BadInputError(message, [{ field: 'paperType', messages: [message] }]);
    };
    if ((await this.signOffRules.ruleFor(bodyId, paperType, m)).mode === 'none') {
      refuse(`a ${paperType} has no administrative sign-off in this body: the committee office registers it as received`);
    }
    const [row]: { answers_paper_id: string | null }[] = await m.query(`SELECT answers_paper_id FROM paper WHERE id = $1`, [id]);
    if (row?.answers_paper_id && paperType !== 'Mitteilungsvorlage') refuse('a Beantwortung of an Anfrage stays a Mitteilungsvorlage');
  }

  /**
   * A Beantwortung is a Mitteilungsvorlage answering an Anfrage of the same body that is
   * still open or already answered (a supplementary answer); anything else is 400 naming
   * answersPaperId.
   */
  private async assertAnswers(m: EntityManager, bodyId: string, paperType: PaperType, anfrageId: string) {
    const refuse = (message: string): never => {
      throw new BadInputError(`answersPaperId: ${message}`, [{ field: 'answersPaperId', messages: [message] }]);
    };
    if (paperType !== 'Mitteilungsvorlage') refuse('only a Mitteilungsvorlage answers an Anfrage');
    const [target]: { paper_type: string; state: string }[] = await m.query(`SELECT paper_type, state FROM paper WHERE id = $1 AND body_id = $2`, [
      anfrageId,
      bodyId,
    ]);
    if (!target) refuse('unknown paper');
    if (target.paper_type !== 'Anfrage') refuse(`a ${target.paper_type} is not answered: only an Anfrage is`);
    if (target.state === 'withdrawn') refuse('the Anfrage was withdrawn');
  }

  private async replaceConsultations(m: EntityManager, paperId: string, bodyId: string, list: ConsultationDto[]) {
    await m.delete(Consultation, { paperId });
    if (list.length === 0) return;
    await m.insert(
      Consultation,
      list.map((c, position) => {
        const id = randomUUID();
        return {
          id,
          key: id,
          paperId,
          bodyId,
          position,
          organizationId: c.organizationId,
          role: c.role,
          plannedDate: c.plannedDate ?? null,
          agendaItemNumber: c.agendaItemNumber ?? null,
          reporter: c.reporter ?? null,
          origin: 'planned' as const,
        };
      }),
    );
  }

  /** Every organization must belong to the caller's body; a foreign or unknown one is bad input. */
  private async assertOrganizations(m: EntityManager, bodyId: string, list: { organizationId: string }[]) {
    const ids = [...new Set(list.map((c) => c.organizationId))];
    if (ids.length === 0) return;
    const kinds = await this.organizations.kinds(bodyId, ids, m);
    const fields = list
      .map((c, i) => ({ kind: kinds.get(c.organizationId), i }))
      .filter(({ kind }) => kind === undefined || isParliamentaryGroup(kind))
      // A Fraktion or Gruppe deliberates nothing: it is no step of a Beratungsfolge.
      .map(({ kind, i }) => ({ field: `consultations.${i}.organizationId`, messages: [kind ? 'a Fraktion or Gruppe is no step of a Beratungsfolge' : 'unknown organization'] }));
    if (fields.length) throw new BadInputError(`Unknown organization in ${fields.map((f) => f.field).join(', ')}`, fields);
  }
}

/** The own share is part of the amount: anything else is a typo, refused naming the item. */
function assertCostItems(items: CreatePaperDto['costItems']): void {
  const fields = (items ?? []).flatMap((item, i) =>
    item.ownShareCents > item.amountCents ? [{ field: `costItems.${i}.ownShareCents`, messages: ['ownShareCents must not exceed amountCents'] }] : [],
  );
  if (fields.length) throw new BadInputError(fields.map((f) => `${f.field}: ${f.messages[0]}`).join('; '), fields);
}

/** DTO instances as the plain JSON stored in the column. */
function plainCostItems(items: NonNullable<CreatePaperDto['costItems']>): CostItem[] {
  return items.map(({ fiscalYear, product, amountCents, fundedBy, ownShareCents }) => ({
    fiscalYear,
    product: product.trim(),
    amountCents,
    fundedBy: fundedBy.trim(),
    ownShareCents,
  }));
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const TIMESTAMPS = new Set(['createdAt', 'updatedAt', 'decidedAt', 'receivedAt']);

/** A row read as JSON (snake_case keys, timestamps as text) in the entity's shape. */
function fromJsonRow<T>(row: Record<string, unknown>): T {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => {
      const key = camel(k);
      return [key, TIMESTAMPS.has(key) && typeof v === 'string' ? new Date(v) : v];
    }),
  ) as T;
}
const fromRow = (row: Record<string, unknown>) => fromJsonRow<Paper>(row);
const consultationFromRow = (row: Record<string, unknown>) => fromJsonRow<Consultation & { organizationName?: string }>(row);

function pick<T extends object, K extends readonly string[]>(source: T, keys: K): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => (source as Record<string, unknown>)[k] !== undefined).map((k) => [k, (source as Record<string, unknown>)[k]]));
}
