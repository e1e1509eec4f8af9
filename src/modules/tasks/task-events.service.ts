import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { WorkflowService } from '../../workflow/workflow.service';
import type { TaskEventDto } from './dto/task-event.dto';
import { Task } from './task.entity';
import { TASK_EVENT_FIELDS, taskOutcome } from './task-machines';
import { implementationHoldError } from './task.errors';
import { mayActOnTask } from './task.guards';
import { PapersService } from '../papers/papers.service';
import type { TaskEventType } from './task.types';
import type { TaskContext, TaskEvent } from './task.types';
import type { TaskView } from './task.view';
import { TasksService } from './tasks.service';

/**
 * Events that carry a measure forward. While a Widerspruch or a Beanstandung suspends the
 * decision (§ 39 KrO NRW), or after the Aufsichtsbehörde annulled it, they are refused;
 * cancelling, re-assigning and moving the due date stay possible.
 */
const NOT_ADVANCING: ReadonlySet<TaskEventType> = new Set(['CANCEL', 'SET_DUE_DATE', 'ASSIGN']);

/** Task events (`POST /tasks/:id/events`) through the workflow service: one event, one transaction, audited. */
@Injectable()
export class TaskEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: WorkflowService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
    private readonly papers: PapersService,
  ) {}

  async send(actor: WorkflowActor, bodyId: string, taskId: string, dto: TaskEventDto): Promise<TaskView> {
    const { kind, paperId } = await this.taskRef(bodyId, taskId);
    const event = await this.toMachineEvent(actor, bodyId, dto);
    const request = { subjectId: taskId, bodyId, actor, event, expectedVersion: dto.expectedVersion };
    const hooks = {
      // The row mirrors what lists and the report filter on.
      project: (_subject: unknown, next: { value: unknown; context: unknown }) => {
        const context = next.context as TaskContext;
        const state = String(next.value);
        return {
          set: { due_date: context.dueDate, assignee_id: context.assigneeId, department: context.department, outcome: taskOutcome(kind, state) },
        };
      },
    };
    const definition = this.tasks.workflowOf(kind);
    // A role that may never send the event gets its 403 from the workflow, not a 409 from here.
    if (NOT_ADVANCING.has(dto.type) || !mayActOnTask(dto.type, actor)) {
      await this.workflow.transition(definition, request, hooks);
    } else {
      // Under the paper's row lock: a Widerspruch or Beanstandung waits for this step, or it for them.
      await this.dataSource.transaction(async (m) => {
        const { hold } = await this.papers.implementationHold(bodyId, paperId, this.clock.now(), m);
        if (hold && hold.kind !== 'windowOpen') throw implementationHoldError(paperId, hold);
        await this.workflow.transitionIn(m, definition, request, hooks);
      });
    }
    return this.tasks.get(bodyId, taskId);
  }

  private async taskRef(bodyId: string, taskId: string): Promise<{ kind: Task['kind']; paperId: string }> {
    const task = await this.dataSource.getRepository(Task).findOne({ where: { id: taskId, bodyId }, select: { id: true, kind: true, paperId: true } });
    if (!task) throw new NotFoundError('Task', taskId);
    return { kind: task.kind, paperId: task.paperId };
  }

  /** The event types the caller may send now. */
  async allowed(actor: WorkflowActor, bodyId: string, taskId: string): Promise<string[]> {
    const task = await this.dataSource.getRepository(Task).findOne({
      where: { id: taskId, bodyId },
      select: { id: true, kind: true, snapshot: true, machineVersion: true, paperId: true },
    });
    if (!task) throw new NotFoundError('Task', taskId);
    const definition = this.tasks.workflowOf(task.kind);
    const snapshot = this.workflow.restore(definition, task.machineVersion, task.snapshot as never);
    const allowed = definition.allowedEvents(snapshot, actor);
    // As the send path: nothing carries the measure forward while the decision is suspended or annulled.
    const { hold } = await this.papers.implementationHold(bodyId, task.paperId, this.clock.now());
    return hold && hold.kind !== 'windowOpen' ? allowed.filter((type) => NOT_ADVANCING.has(type as TaskEventType)) : allowed;
  }

  /** Only the fields the event takes (400 for any other) and an assignee of the body; formats are the DTO's. */
  private async toMachineEvent(actor: WorkflowActor, bodyId: string, dto: TaskEventDto): Promise<TaskEvent> {
    const allowedFields = new Set(['type', 'expectedVersion', ...TASK_EVENT_FIELDS[dto.type]]);
    const given = Object.entries(dto).filter(([, v]) => v !== undefined);
    const stray = given.map(([k]) => k).filter((k) => !allowedFields.has(k));
    if (stray.length) {
      throw new BadInputError(
        `${dto.type} does not take: ${stray.join(', ')}`,
        stray.map((field) => ({ field, messages: [`${field} is not a field of ${dto.type}`] })),
      );
    }
    if (dto.type === 'ASSIGN') {
      if (dto.assigneeId === undefined) {
        throw new BadInputError('ASSIGN needs assigneeId', [{ field: 'assigneeId', messages: ['assigneeId is required: a user of the body, or null for nobody'] }]);
      }
      if (dto.assigneeId) await this.tasks.assertMember(this.dataSource.manager, bodyId, 'assigneeId', dto.assigneeId);
    }
    const { expectedVersion: _v, ...payload } = dto;
    return { ...payload, actor: { id: actor.id, roles: actor.roles }, at: this.clock.now().toISOString() } as unknown as TaskEvent;
  }
}
