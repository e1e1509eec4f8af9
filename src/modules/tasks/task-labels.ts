/** German words for task kinds and states, for mails and the implementation report. */
import type { TaskKind } from './task.types';

export const TASK_KIND_LABELS: Readonly<Record<TaskKind, string>> = {
  workshop: 'Workshop',
  tender: 'Vergabe',
  funding_application: 'Förderantrag',
  generic: 'Maßnahme',
};

export const TASK_OUTCOME_LABELS = { open: 'offen', done: 'erledigt', cancelled: 'abgebrochen' } as const;
