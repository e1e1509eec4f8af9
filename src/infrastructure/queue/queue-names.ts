/** Every BullMQ queue of ratsweg. A processor's queue must be named here. */
export enum QueueName {
  /** Housekeeping and the queue health probe. */
  System = 'system',
}
