/** German words for the task kinds, for mails. */
import type { TaskKind } from './task.types';

export const TASK_KIND_LABELS: Readonly<Record<TaskKind, string>> = {
  workshop: 'Workshop',
  tender: 'Vergabe',
  funding_application: 'Förderantrag',
  generic: 'Maßnahme',
};

