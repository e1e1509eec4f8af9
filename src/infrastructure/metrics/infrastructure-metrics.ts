import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../queue/queue-names';
import { Metrics } from './metrics';

/** The job states counted per queue (BullMQ's getJobCounts, on either backend). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

/**
 * The scrape-time gauges of what infrastructure owns: the queues' job counts and the
 * PostgreSQL pool (TypeORM's driver keeps its `pg` Pool as `master`).
 */
@Injectable()
export class InfrastructureMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(getQueueToken(QueueName.Outbox)) private readonly outbox: Queue,
    @Inject(getQueueToken(QueueName.Deadlines)) private readonly deadlines: Queue,
    @Inject(getQueueToken(QueueName.System)) private readonly system: Queue,
  ) {}

  onModuleInit(): void {
    this.metrics.scrapeGauge(
      { name: 'ratsweg_queue_jobs', help: 'BullMQ jobs per queue and state', labelNames: ['queue', 'state'] },
      async () => {
        const samples = [];
        for (const queue of [this.outbox, this.deadlines, this.system]) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) samples.push({ labels: { queue: queue.name, state }, value: counts[state] ?? 0 });
        }
        return samples;
      },
    );
    const pool = () => (this.dataSource.driver as unknown as { master?: PgPool }).master;
    const poolGauge = (name: string, help: string, value: (p: PgPool) => number | undefined) =>
      this.metrics.scrapeGauge({ name, help }, () => {
        const p = pool();
        const v = p && value(p);
        return v === undefined ? [] : [{ value: v }];
      });
    poolGauge('ratsweg_db_pool_connections', 'Open connections of the PostgreSQL pool', (p) => p.totalCount);
    poolGauge('ratsweg_db_pool_idle_connections', 'Idle connections of the PostgreSQL pool', (p) => p.idleCount);
    poolGauge('ratsweg_db_pool_waiting_clients', 'Queries waiting for a free connection of the PostgreSQL pool', (p) => p.waitingCount);
    poolGauge('ratsweg_db_pool_max_connections', 'Size limit of the PostgreSQL pool', (p) => p.options.max);
  }
}
