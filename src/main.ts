import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { parseEnvironment } from './infrastructure/config/app-config';
import { ConfigurationError } from './infrastructure/config/configuration-error';
import { configureApp } from './infrastructure/http/configure-app';
import { startRuntime } from './runtime';

async function main(): Promise<void> {
  const startedAt = Date.now();
  const runtime = await startRuntime(parseEnvironment(process.env), (line) =>
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), context: 'Runtime', msg: line })}\n`),
  );
  let app;
  try {
    app = await NestFactory.create(AppModule.forRoot(runtime.config), { bufferLogs: true, abortOnError: false });
    configureApp(app);
    await app.listen(runtime.config.port);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await runtime.stop();
    throw error;
  }
  const logger = new Logger('Main');
  logger.log(
    `ratsweg listening on port ${runtime.config.port} (${runtime.config.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}, ` +
      `queues on ${runtime.config.queueBackend}) after ${Date.now() - startedAt} ms`,
  );
  handleSignals(async () => {
    await app.close();
    await runtime.stop();
  });
}

/** Ctrl-C or SIGTERM: close HTTP, workers and pools, then stop the embedded database. */
function handleSignals(shutdown: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    new Logger('Main').log(`${signal} received, shutting down`);
    shutdown().then(
      () => process.exit(0),
      (error) => {
        console.error(`Shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
  } else {
    console.error(`Start-up failed: ${(error as Error)?.message ?? String(error)}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
  }
  process.exit(1);
});

