import type { AppConfig, QueueBackendKind } from '../../src/infrastructure/config/app-config';
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

