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
import type { TaskContext, TaskEvent } from './task.types';
import type { TaskView } from './task.view';
import { TasksService } from './tasks.service';

/** Task events (`POST /tasks/:id/events`) through the workflow service: one event, one transaction, audited. */
@Injectable()
export class TaskEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: WorkflowService,
    private readonly tasks: TasksService,
    private readonly clock: Clock,
  ) {}

  async send(actor: WorkflowActor, bodyId: string, taskId: string, dto: TaskEventDto): Promise<TaskView> {
    const kind = await this.tasks.kindOf(bodyId, taskId);
    const event = await this.toMachineEvent(actor, bodyId, dto);
    await this.workflow.transition(
      this.tasks.workflowOf(kind),
      { subjectId: taskId, bodyId, actor, event, expectedVersion: dto.expectedVersion },
      {
        // The row mirrors what lists and the report filter on.
        project: (_subject, next) => {
          const context = next.context as TaskContext;
          const state = String(next.value);
          return {
            set: { due_date: context.dueDate, assignee_id: context.assigneeId, department: context.department, outcome: taskOutcome(kind, state) },
          };
        },
      },
    );
    return this.tasks.get(bodyId, taskId);
  }

  /** The event types the caller may send now. */
  async allowed(actor: WorkflowActor, bodyId: string, taskId: string): Promise<string[]> {
    const task = await this.dataSource.getRepository(Task).findOne({
      where: { id: taskId, bodyId },
      select: { id: true, kind: true, snapshot: true, machineVersion: true },
    });
    if (!task) throw new NotFoundError('Task', taskId);
    const definition = this.tasks.workflowOf(task.kind);
    const snapshot = this.workflow.restore(definition, task.machineVersion, task.snapshot as never);
    return definition.allowedEvents(snapshot, actor);
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
