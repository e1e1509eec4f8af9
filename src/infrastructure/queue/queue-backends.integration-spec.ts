import { Queue, Worker } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { configureQueueBackend } from './queue-backend';
import { testConfig } from '../../../test/setup/test-config';

/**
 * The same BullMQ code on both backends, against the real servers: a job added
 * is processed once, a second add with the same jobId is ignored, and a delayed
 * job waits for its time.
 */
describe.each(['redis', 'postgres'] as const)('BullMQ on the %s backend (integration)', (backend) => {
  let config: AppConfig;
  let options: ReturnType<typeof configureQueueBackend>;
  const queueName = `itest-${backend}-${Date.now()}`;
  let queue: Queue;
  let worker: Worker | undefined;

  beforeAll(() => {
    config = testConfig(backend);
    options = configureQueueBackend(config);
    queue = new Queue(queueName, options);
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });

  it('processes a job once, and ignores a second add with the same jobId', async () => {
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      worker = new Worker(
        queueName,
        async (job) => {
          seen.push(`${job.id}:${job.data.n}`);
          if (job.data.n === 2) resolve();
        },
        { ...options, concurrency: 1 },
      );
    });
    await queue.add('work', { n: 1 }, { jobId: 'same-id' });
    await queue.add('work', { n: 99 }, { jobId: 'same-id' });
    await queue.add('work', { n: 2 }, { jobId: 'other-id' });
    await done;
    expect(seen).toEqual(['same-id:1', 'other-id:2']);
  });

  it('holds a delayed job until it is due', async () => {
    const addedAt = Date.now();
    let ranAt = 0;
    const done = new Promise<void>((resolve) => {
      worker = new Worker(
        queueName,
        async () => {
          ranAt = Date.now();
          resolve();
        },
        options,
      );
    });
    await queue.add('later', {}, { delay: 800, jobId: 'delayed-1' });
    await done;
    expect(ranAt - addedAt).toBeGreaterThanOrEqual(780);
  });

  it('counts jobs by state', async () => {
    const counts = await queue.getJobCounts('completed', 'waiting', 'delayed');
    expect(counts.completed).toBeGreaterThanOrEqual(3);
    expect(counts.waiting).toBe(0);
  });
});
