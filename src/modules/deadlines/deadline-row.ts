/** What the deadline files share: a planned deadline and a row as SQL returns it. */
export interface NewDeadline {
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

export interface DeadlineRow {
  id: string;
  body_id: string;
  subject_type: string;
  subject_id: string;
  kind: string;
  group: string;
  caused_by_seq: number;
  due_at: Date;
  payload: Record<string, unknown>;
}

/** A deadline kind that fires and does nothing else. */
export const PROBE_KIND = 'probe';
