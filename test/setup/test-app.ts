import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import type { AppConfig, QueueBackendKind } from '../../src/infrastructure/config/app-config';
import { configureApp } from '../../src/infrastructure/http/configure-app';
import { TEST_REDIS_URL, testRun } from './test-environment';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** The configuration an e2e app runs with: this run's database, the chosen queue backend, demo data. */
export function testConfig(queueBackend: QueueBackendKind = 'postgres', overrides: Partial<AppConfig> = {}): AppConfig {
  const { databaseUrl, queuePrefix } = testRun();
  return {
    nodeEnv: 'test',
    port: 0,
    databaseUrl,
    embedded: false,
    redisUrl: queueBackend === 'redis' ? TEST_REDIS_URL : undefined,
    queueBackend,
    queuePrefix,
    jwtSecret: TEST_JWT_SECRET,
    jwtExpiresInSeconds: 3600,
    mailFrom: 'ratsweg-test <test@ratsweg.local>',
    seedDemo: true,
    dataDir: '/tmp/ratsweg-test-data',
    logLevel: 'silent',
    ...overrides,
  };
}

/** The whole application, configured exactly as main.ts does, on this run's database. */
export async function createTestApp(queueBackend: QueueBackendKind = 'postgres', overrides: Partial<AppConfig> = {}) {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(testConfig(queueBackend, overrides))],
  }).compile();
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
