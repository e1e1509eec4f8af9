/**
 * The effects every task machine emits, as data: the `taskDue` deadline follows the
 * task's due date. Shared by the four machines so they cannot disagree on the order
 * (cancel before schedule: the deadlines module voids what earlier transitions scheduled,
 * then creates the new one).
 */
import type { TaskEffect } from './task.types';

export const taskEffectTypes = ['cancelDeadline', 'scheduleDeadline'] as const satisfies readonly TaskEffect['type'][];

/** Entry action of every final state: nothing is due any more. */
export const CANCEL_TASK_DUE = { type: 'cancelDeadline', params: { kind: 'taskDue' } } as const;

/** What moving the due date from `from` to `to` emits: nothing when it stays the same. */
export function dueDateEffects(from: string | null, to: string | null): TaskEffect[] {
  if (from === to) return [];
  return to === null ? [CANCEL_TASK_DUE] : [CANCEL_TASK_DUE, { type: 'scheduleDeadline', params: { kind: 'taskDue', dueDate: to } }];
}
