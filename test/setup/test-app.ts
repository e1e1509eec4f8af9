import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/infrastructure/clock/clock';
import type { AppConfig, QueueBackendKind } from '../../src/infrastructure/config/app-config';
import { configureApp } from '../../src/infrastructure/http/configure-app';
import { testConfig } from './test-config';

/** The whole application, configured exactly as main.ts does, on this run's database. */
export async function createTestApp(queueBackend: QueueBackendKind = 'postgres', overrides: Partial<AppConfig> = {}, options: { clock?: Clock } = {}) {
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot(testConfig(queueBackend, overrides))],
  });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app);
  await app.init();
  return app;
}

/** Logs a demo user in (password = user name) and returns its bearer token. */
export async function tokenFor(app: INestApplication, username: string, password = username): Promise<string> {
  const res = await request(app.getHttpServer()).post('/auth/login').send({ username, password }).expect(200);
  return res.body.accessToken as string;
}
