import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { berlinDate } from '../../shared/berlin-calendar';
import { PapersService } from '../papers/papers.service';
import { isOverdue } from './task.view';

export interface TaskCounts {
  total: number;
  open: number;
  done: number;
  cancelled: number;
  overdue: number;
}

export interface ReportTask {
  id: string;
  kind: string;
  title: string;
  state: string;
  outcome: 'open' | 'done' | 'cancelled';
  dueDate: string | null;
  overdue: boolean;
  assigneeId: string | null;
  department: string | null;
  /** Started before the paper was decided (a clerk's call, with the reason). */
  beforeDecision: boolean;
  beforeDecisionReason: string | null;
}

export interface ReportPaper {
  paperId: string;
  reference: string | null;
  title: string;
  state: string;
  tasks: TaskCounts;
  /** The earliest due day among the open tasks. */
  nextDueDate: string | null;
  /** Some task was started before the decision (the paper may still be in deliberation). */
  startedBeforeDecision: boolean;
  items: ReportTask[];
}

export interface ImplementationReport {
  /** The Berlin day the overdue counts refer to. */
  asOf: string;
  totals: TaskCounts & { papers: number };
  papers: ReportPaper[];
}

/**
 * Papers whose decision is to be carried out (or was), with or without tasks yet — a
 * contested one too, suspended until the body or the Aufsichtsbehörde decides (§ 39 Abs. 2 KrO NRW).
 */
const DECIDED_STATES = ['adopted', 'inImplementation', 'closed', 'contested.awaitingAgenda', 'contested.scheduled', 'awaitingSupervision'];

/**
 * Beschlusskontrolle: per adopted paper (and per paper in deliberation with a task
 * started ahead of its decision, marked `startedBeforeDecision`) its tasks open, done and overdue, as of today
 * in Recklinghausen. Read from the task rows (their outcome and due date mirror the
 * machines) and the papers module's list of decided papers: two queries however many tasks there are.
 */
@Injectable()
export class ImplementationReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly papers: PapersService,
  ) {}

  async report(bodyId: string): Promise<ImplementationReport> {
    const asOf = berlinDate(this.clock.now());
    const tasks: {
      paper_id: string;
      id: string;
      kind: string;
      title: string;
      state: string;
      outcome: ReportTask['outcome'];
      due_date: string | null;
      assignee_id: string | null;
      department: string | null;
      before_decision_reason: string | null;
    }[] = await this.dataSource.query(
      `SELECT t.paper_id, t.id, t.kind, t.title, t.state, t.outcome, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.assignee_id,
              t.department, t.before_decision_reason
       FROM task t WHERE t.body_id = $1 ORDER BY t.due_date NULLS LAST, t.created_at`,
      [bodyId],
    );
    // The decided papers, and every paper with a task (one started ahead of its decision), from the papers module.
    const reported = await this.papers.forReport(bodyId, DECIDED_STATES, [...new Set(tasks.map((t) => t.paper_id))]);
    const papers = new Map<string, ReportPaper>(
      reported.map((p) => [
        p.id,
        { paperId: p.id, reference: p.reference, title: p.title, state: p.state, tasks: emptyCounts(), nextDueDate: null, startedBeforeDecision: false, items: [] },
      ]),
    );
    for (const r of tasks) {
      const paper = papers.get(r.paper_id);
      if (!paper) continue;
      const item: ReportTask = {
        id: r.id,
        kind: r.kind,
        title: r.title,
        state: r.state,
        outcome: r.outcome,
        dueDate: r.due_date,
        overdue: isOverdue(r.outcome, r.due_date, asOf),
        assigneeId: r.assignee_id,
        department: r.department,
        beforeDecision: r.before_decision_reason !== null,
        beforeDecisionReason: r.before_decision_reason,
      };
      paper.items.push(item);
      if (item.beforeDecision) paper.startedBeforeDecision = true;
      count(paper.tasks, item);
      if (item.outcome === 'open' && item.dueDate && (!paper.nextDueDate || item.dueDate < paper.nextDueDate)) paper.nextDueDate = item.dueDate;
    }
    const list = [...papers.values()];
    const totals = { papers: list.length, ...emptyCounts() };
    for (const p of list) for (const item of p.items) count(totals, item);
    return { asOf, totals, papers: list };
  }
}

function emptyCounts(): TaskCounts {
  return { total: 0, open: 0, done: 0, cancelled: 0, overdue: 0 };
}

function count(counts: TaskCounts, item: ReportTask): void {
  counts.total++;
  counts[item.outcome]++;
  if (item.overdue) counts.overdue++;
}
