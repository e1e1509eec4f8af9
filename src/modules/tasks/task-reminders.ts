import type { DueCheck } from '../deadlines/deadline-rules';
import { Task } from './task.entity';

/**
 * A task's due-soon reminder (to the assignee, or the clerks) and overdue notice (to the
 * department head), while the task is open and still due that day: its due date may have
 * moved or the task finished since, and then a later scheduling (or none) holds.
 */
export const taskStillDue: DueCheck = async (m, d) => {
  const task = await m.findOne(Task, { where: { id: d.subjectId }, select: { id: true, dueDate: true, assigneeId: true, outcome: true } });
  if (task?.outcome !== 'open') return { outcome: `obsolete: task is ${task?.outcome ?? 'gone'}`, notices: [] };
  if (task.dueDate !== d.payload.dueDate) return { outcome: `obsolete: task is due ${task.dueDate ?? 'no longer'}`, notices: [] };
  const overdue = d.kind === 'taskOverdue';
  return {
    outcome: 'notified',
    notices: [
      {
        kind: overdue ? 'taskOverdue' : 'taskDueSoon',
        to: overdue ? { role: 'department_head' } : task.assigneeId ? { userId: task.assigneeId } : { role: 'clerk' },
        dueDate: d.payload.dueDate,
      },
    ],
  };
};
