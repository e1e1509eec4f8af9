import type { Task } from './task.entity';
import type { TaskContext } from './task.types';

export interface TaskView {
  id: string;
  paperId: string;
  kind: Task['kind'];
  title: string;
  state: string;
  /** open, done or cancelled (a rejected funding application counts as cancelled). */
  outcome: Task['outcome'];
  version: number;
  dueDate: string | null;
  /** Still open and its due day has passed (Europe/Berlin). */
  overdue: boolean;
  assigneeId: string | null;
  department: string | null;
  /** What the kind records on the way: workshop day, platform reference, contractor, amounts, programme… */
  details: Record<string, unknown>;
  cancelReason: string | null;
  /** Prepared before the decision it serves, and why (null: after adoption). */
  beforeDecision: boolean;
  beforeDecisionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export function taskView(task: Task, today: string): TaskView {
  const context = (task.snapshot as { context: TaskContext }).context;
  return {
    id: task.id,
    paperId: task.paperId,
    kind: task.kind,
    title: task.title,
    state: task.state,
    outcome: task.outcome,
    version: task.version,
    dueDate: task.dueDate,
    overdue: isOverdue(task.outcome, task.dueDate, today),
    assigneeId: task.assigneeId,
    department: task.department,
    details: { ...(context.details as Record<string, unknown>) },
    cancelReason: context.cancelReason ?? null,
    beforeDecision: task.beforeDecisionReason !== null,
    beforeDecisionReason: task.beforeDecisionReason,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

export function isOverdue(outcome: Task['outcome'], dueDate: string | null, today: string): boolean {
  return outcome === 'open' && dueDate !== null && dueDate < today;
}
