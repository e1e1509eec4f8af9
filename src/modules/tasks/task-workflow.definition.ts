import { declaredEffects, effectsOf } from '../../workflow/effects';
import type { WorkflowDefinition } from '../../workflow/workflow-definition';
import {
  allowedTaskEvents,
  TASK_EVENT_ROLES,
  taskEffectTypes,
  TASK_MACHINE_VERSION,
  taskMachines,
  taskPayloadProblems,
  taskStateKey,
} from './task-machines';
import { TASK_KINDS, type TaskContext, type TaskEffect, type TaskEvent, type TaskEventType, type TaskKind } from './task.types';

/**
 * How the workflow service runs tasks: one table and one subject type ('task', so a
 * task's history reads like a paper's), one machine per kind. The row mirrors the
 * context's due date, assignee and department, and whether the task is finished.
 */
function definition(kind: TaskKind): WorkflowDefinition {
  return {
    subjectType: 'task',
    name: `task-${kind.replace('_', '-')}`,
    table: 'task',
    currentVersion: TASK_MACHINE_VERSION,
    machines: { [TASK_MACHINE_VERSION]: taskMachines[kind] },
    stateKey: taskStateKey,
    allowedEvents: (snapshot, actor) => allowedTaskEvents(snapshot as never, actor),
    rolesFor: (type) => TASK_EVENT_ROLES[type as TaskEventType] ?? [],
    problems: (snapshot, event) => taskPayloadProblems(snapshot.context as TaskContext, event as TaskEvent),
    outboxEffects: taskEffectTypes,
    settableColumns: { due_date: 'date', assignee_id: 'uuid', department: 'text', outcome: 'text' },
  };
}

export const TASK_WORKFLOWS = Object.fromEntries(TASK_KINDS.map((kind) => [kind, definition(kind)])) as Record<TaskKind, WorkflowDefinition>;

/** The effects the workflow writes for these actions (its own filter; the same for every kind). */
export function toTaskEffects(actions: ReadonlyArray<{ type: string; params?: unknown }>): TaskEffect[] {
  return effectsOf(actions, declaredEffects(TASK_WORKFLOWS.generic)) as TaskEffect[];
}
