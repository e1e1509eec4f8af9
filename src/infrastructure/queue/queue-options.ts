import type { DefaultJobOptions } from 'bullmq';

/** Defaults for every job: retried with exponential backoff, kept long enough to inspect. */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};
