/** Every BullMQ queue of ratsweg. A processor's queue must be named here. */
export enum QueueName {
  /** Housekeeping and the queue health probe. */
  System = 'system',
  /** Committed outbox rows, relayed with jobId = outbox id, carried out by their kind's handler. */
  Outbox = 'outbox',
  /** Delayed jobs of durable deadlines, jobId = deadline id. */
  Deadlines = 'deadlines',
}
