/**
 * The starting context of a task, the same for every kind: the creation input as given,
 * with the kind of the machine that runs it (not whatever the input claims).
 */
import type { TaskContext, TaskDetailsByKind, TaskInput, TaskKind } from './task.types';

export function initialTaskContext<K extends TaskKind>(kind: K, input: TaskInput): TaskContext<K> {
  return {
    kind,
    title: input.title,
    dueDate: input.dueDate ?? null,
    assigneeId: input.assigneeId ?? null,
    department: input.department ?? null,
    minOfferPeriodDays: input.minOfferPeriodDays,
    details: { ...(input.details ?? {}) } as TaskDetailsByKind[K],
    revision: 0,
  };
}
