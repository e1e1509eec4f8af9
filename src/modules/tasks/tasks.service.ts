import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { WorkflowService } from '../../workflow/workflow.service';
import { berlinDate } from '../../shared/berlin-calendar';
import { UsersService } from '../identity/users.service';
import { PaperEventsService } from '../papers/paper-events.service';
import { PapersService } from '../papers/papers.service';
import type { CreateTaskDto } from './dto/create-task.dto';
import type { ListTasksQuery } from './dto/list-tasks.query';
import { Task } from './task.entity';
import { implementationHoldError, PaperNotAdoptedError } from './task.errors';
import { taskOutcome, taskStateKey } from './task-machines';
import type { TaskContext } from './task.types';
import { proposeTasks, type TaskProposal } from './task-proposal';
import { TASK_WORKFLOWS } from './task-workflow.definition';
import { taskView, type TaskView } from './task.view';

/** The default shortest offer period of a tender when the configuration names none. */
const DEFAULT_MIN_OFFER_PERIOD_DAYS = 10;

/**
 * Creating and reading tasks. A task belongs to an adopted or urgently decided paper; the
 * first one moves the paper to `inImplementation` (or records the start under the urgent
 * decision) in the same transaction, and a task with a due date
 * schedules its reminder and escalation (deadlines module) in that transaction too.
 */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly papers: PaperEventsService,
    private readonly paperReads: PapersService,
    private readonly workflow: WorkflowService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The paper's measures (and its funding note) offered as tasks to create; nothing is written. */
  async proposal(bodyId: string, paperId: string): Promise<TaskProposal[]> {
    const paper = await this.paperReads.get(bodyId, paperId);
    return proposeTasks(paper.measures ?? [], paper.costs);
  }

  /** The paper's tasks; another body's paper is as unknown as one that does not exist (404). */
  async listForPaper(bodyId: string, paperId: string): Promise<TaskView[]> {
    await this.paperReads.get(bodyId, paperId);
    return this.list(bodyId, { paperId });
  }

  async create(actor: WorkflowActor, bodyId: string, paperId: string, dto: CreateTaskDto): Promise<TaskView> {
    return this.dataSource.transaction(async (m) => {
      // Locked: a Widerspruch, a Beanstandung or CLOSE of the paper waits for this task, or it for them.
      const { state, hold } = await this.paperReads.implementationHold(bodyId, paperId, this.clock.now(), m);
      const paper = { state };
      if (dto.reason !== undefined && dto.beforeDecision !== true) {
        throw new BadInputError('reason is only taken with beforeDecision: true', [{ field: 'reason', messages: ['reason is only taken with beforeDecision: true'] }]);
      }
      const decided = paper.state === 'adopted' || paper.state === 'inImplementation' || paper.state === 'urgentlyDecided';
      if (dto.beforeDecision && decided) {
        throw new BadInputError('beforeDecision: the paper is decided already', [{ field: 'beforeDecision', messages: [`the paper is ${paper.state}: drop beforeDecision`] }]);
      }
      // § 39 KrO NRW: no measure starts while a Widerspruch may still come, or while one (or a
      // Beanstandung) suspends the decision. Urgent decisions (§ 50 Abs. 3) have no window.
      if (hold) throw implementationHoldError(paperId, hold);
      if (dto.assigneeId) await this.assertMember(m, bodyId, 'assigneeId', dto.assigneeId);
      const id = randomUUID();
      // § 50 Abs. 3 KrO NRW: an urgent decision is a decision; its measures may start before the Kreistag approves it.
      const firstUnderUrgent = paper.state === 'urgentlyDecided' && !(await m.exists(Task, { where: { paperId } }));
      if (paper.state === 'adopted' || firstUnderUrgent) {
        await this.papers.transitionIn(m, actor, bodyId, paperId, { type: 'START_IMPLEMENTATION' });
      } else if (dto.beforeDecision && paper.state.startsWith('deliberation')) {
        // Recorded on the paper (audited there); the paper stays in deliberation, and its
        // adoption later goes straight to inImplementation.
        await this.papers.transitionIn(m, actor, bodyId, paperId, { type: 'PREPARE_TASK', taskId: id, reason: dto.reason!.trim() });
      } else if (paper.state !== 'inImplementation' && paper.state !== 'urgentlyDecided') {
        throw new PaperNotAdoptedError(paperId, paper.state);
      }
      const input = {
        kind: dto.kind,
        title: dto.title.trim(),
        dueDate: dto.dueDate ?? null,
        assigneeId: dto.assigneeId ?? null,
        department: dto.department?.trim() ?? null,
        minOfferPeriodDays: this.config.tenderMinOfferPeriodDays ?? DEFAULT_MIN_OFFER_PERIOD_DAYS,
        details: dto.kind === 'funding_application' ? { programme: dto.programme!.trim() } : {},
      };
      const dueDate = input.dueDate;
      await this.workflow.create(m, TASK_WORKFLOWS[dto.kind], {
        id,
        bodyId,
        actor,
        at: this.clock.now(),
        input,
        entity: Task,
        columns: (initial) => {
          const context = initial.context as TaskContext;
          return {
            paperId,
            kind: dto.kind,
            title: context.title,
            assigneeId: context.assigneeId,
            department: context.department,
            dueDate: context.dueDate,
            outcome: taskOutcome(dto.kind, taskStateKey(initial.value)),
            beforeDecisionReason: dto.beforeDecision ? dto.reason!.trim() : null,
            createdBy: actor.id,
          };
        },
        payload: { paperId, ...dto },
        outbox: dueDate ? [{ kind: 'scheduleDeadline', payload: { kind: 'taskDue', dueDate } }] : [],
      });
      return this.load(m, bodyId, id);
    });
  }

  async list(bodyId: string, query: ListTasksQuery): Promise<TaskView[]> {
    const qb = this.dataSource
      .getRepository(Task)
      .createQueryBuilder('t')
      .where('t.bodyId = :bodyId', { bodyId })
      .orderBy('t.dueDate', 'ASC', 'NULLS LAST')
      .addOrderBy('t.createdAt', 'ASC')
      .limit(1000);
    if (query.paperId) qb.andWhere('t.paperId = :paperId', { paperId: query.paperId });
    if (query.assigneeId) qb.andWhere('t.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
    if (query.outcome) qb.andWhere('t.outcome = :outcome', { outcome: query.outcome });
    if (query.overdue === 'true') qb.andWhere(`t.outcome = 'open' AND t.dueDate < :today`, { today: this.today() });
    const today = this.today();
    return (await qb.getMany()).map((t) => taskView(t, today));
  }

  get(bodyId: string, id: string): Promise<TaskView> {
    return this.load(this.dataSource.manager, bodyId, id);
  }

  async load(m: EntityManager, bodyId: string, id: string): Promise<TaskView> {
    const task = await m.findOne(Task, { where: { id, bodyId } });
    if (!task) throw new NotFoundError('Task', id);
    return taskView(task, this.today());
  }

  /** The task's kind, which picks its machine (404 outside the caller's body). */
  /** What a mail about the task says of it: title, kind, department, its paper and who has it. */
  async notice(id: string): Promise<{ title: string; kind: Task['kind']; department: string | null; paperId: string; assigneeName: string | null } | null> {
    const task = await this.dataSource.manager.findOne(Task, { where: { id } });
    if (!task) return null;
    const assigneeName = task.assigneeId ? await this.users.displayName(task.assigneeId) : null;
    return { title: task.title, kind: task.kind, department: task.department, paperId: task.paperId, assigneeName };
  }

  async kindOf(bodyId: string, id: string): Promise<Task['kind']> {
    const [row]: { kind: Task['kind'] }[] = await this.dataSource.query(`SELECT kind FROM task WHERE id = $1 AND body_id = $2`, [id, bodyId]);
    if (!row) throw new NotFoundError('Task', id);
    return row.kind;
  }

  workflowOf(kind: Task['kind']) {
    return TASK_WORKFLOWS[kind];
  }

  /** An assignee must be a user of the body. */
  async assertMember(m: EntityManager, bodyId: string, field: string, userId: string): Promise<void> {
    if (!(await this.users.isActiveMember(bodyId, userId, m))) throw new BadInputError(`Unknown user ${userId}`, [{ field, messages: [`${field} is not a user of this body`] }]);
  }

  /** Today in Recklinghausen: a task due before it and still open is overdue. */
  today(): string {
    return berlinDate(this.clock.now());
  }
}
