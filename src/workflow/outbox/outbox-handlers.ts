import { Injectable } from '@nestjs/common';
import { z } from 'zod';

/**
 * What an outbox job carries in BullMQ: the row's id, nothing else. Job data is visible
 * to whoever sees the queue (dashboard, Redis), and rows of every body share the queue:
 * the processor loads the row itself, so no name, address or text sits in a job.
 */
export const outboxJobDataSchema = z.object({ outboxId: z.string().uuid() });
export type OutboxJobData = z.infer<typeof outboxJobDataSchema>;

/** An outbox row as a handler receives it (loaded by the processor, validated). */
export const outboxJobSchema = z.object({
  id: z.string().uuid(),
  bodyId: z.string().uuid(),
  subjectType: z.string().min(1),
  subjectId: z.string().uuid(),
  kind: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  causedBySeq: z.number().int(),
  createdAt: z.string(),
});
export type OutboxJob = z.infer<typeof outboxJobSchema>;

export type OutboxHandler = (job: OutboxJob, attempt: { number: number; last: boolean }) => Promise<void>;

/**
 * Who carries out which effect (`notify`, `scheduleDeadline`, `cancelDeadline`).
 * Modules register their handler at start-up; an effect nobody handles is a start-up
 * error, not a silently dropped job (`WorkflowRegistry` calls `assertHandles` at start-up). Handlers must be
 * idempotent per outbox id: BullMQ delivers at least once.
 */
@Injectable()
export class OutboxHandlers {
  private readonly handlers = new Map<string, OutboxHandler>();

  register(kind: string, handler: OutboxHandler): void {
    if (this.handlers.has(kind)) throw new Error(`outbox kind ${kind} has two handlers`);
    this.handlers.set(kind, handler);
  }

  get(kind: string): OutboxHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`no handler for outbox kind ${kind}`);
    return handler;
  }

  assertHandles(kinds: Iterable<string>): void {
    const missing = [...kinds].filter((k) => !this.handlers.has(k));
    if (missing.length) throw new Error(`no handler registered for outbox kinds: ${missing.join(', ')}`);
  }
}
