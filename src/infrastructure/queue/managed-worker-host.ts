import { WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

/**
 * A BullMQ processor that follows the app's lifecycle: an API-only instance
 * (RUN_WORKERS=false) stops its worker before it takes a job, and at shutdown the
 * worker is closed (waiting for its active jobs) while the database is still open —
 * the queue module's own close comes after the database has gone.
 */
export abstract class ManagedWorkerHost extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  protected constructor(private readonly appConfig: AppConfig) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Without a listener BullMQ prints each failed poll (database or Redis away) with
    // console.error; it retries by itself, so a warning in our log is enough.
    const logger = new Logger(this.constructor.name);
    this.worker.on('error', (error) => logger.warn(`queue worker: ${error.message}`));
    if (this.appConfig.runWorkers === false) await this.worker.close();
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
