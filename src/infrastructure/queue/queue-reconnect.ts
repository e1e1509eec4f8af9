import type { Queue } from 'bullmq';

type Emitter = { on(event: 'ready', listener: () => void): unknown };

/**
 * Calls `listener` each time the queue's Redis connection becomes ready again after
 * it was lost (a Redis restart). A Redis restarted without persistence has lost every
 * job: whoever can rebuild jobs from PostgreSQL (the deadline reconciler, the outbox
 * relay) does so at once instead of waiting for its next periodic pass. No-op on
 * BullMQ's PostgreSQL backend, whose jobs live in the database itself.
 */
export async function onRedisReconnect(queue: Queue, listener: () => void): Promise<void> {
  // The raw Redis client is the Redis backend's own escape hatch (BullMQ 6 backends).
  const client = await (queue.getBackend() as unknown as { client?: Promise<Emitter> }).client;
  // Every 'ready' after this point is a reconnect (the client is connected once awaited).
  client?.on('ready', listener);
}
