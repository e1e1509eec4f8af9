import { parseEnvironment, redactUrl } from './app-config';
import { ConfigurationError } from './configuration-error';

function errorOf(env: NodeJS.ProcessEnv): ConfigurationError {
  try {
    parseEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parseEnvironment', () => {
  it('runs embedded with queues on PostgreSQL and the demo seeded when nothing is set', () => {
    const config = parseEnvironment({});
    expect(config).toMatchObject({ embedded: true, queueBackend: 'postgres', seedDemo: true, port: 3000 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('uses the given database and Redis without seeding unless asked', () => {
    const config = parseEnvironment({
      DATABASE_URL: 'postgres://u:p@db:5432/ratsweg',
      REDIS_URL: 'redis://cache:6379/2',
      PORT: '8080',
    });
    expect(config).toMatchObject({ embedded: false, queueBackend: 'redis', seedDemo: false, port: 8080 });
    expect(parseEnvironment({ DATABASE_URL: 'postgres://db/x', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(parseEnvironment({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnvironment({ DATABASE_URL: '', PORT: '' })).toMatchObject({ embedded: true, port: 3000 });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/x' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['REDIS_URL', { REDIS_URL: 'http://cache' }],
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['CLOCK_START', { CLOCK_START: 'yesterday' }],
    ['SMTP_URL', { SMTP_URL: 'mail.example.org' }],
  ])('names %s in one line when its value is bad', (variable, env) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Configuration error: ${variable}: `));
    expect(error.message).not.toContain('\n');
  });

  it('never prints a secret or a database password', () => {
    expect(errorOf({ JWT_SECRET: 'short' }).message).not.toContain('short');
    expect(errorOf({ DATABASE_URL: 'mysql://u:hunter2@db/x' }).message).not.toContain('hunter2');
  });

  it('accepts CLOCK_START with an offset and refuses it in production', () => {
    expect(parseEnvironment({ CLOCK_START: '2021-08-20T09:00:00+02:00' }).clockStart?.toISOString()).toBe(
      '2021-08-20T07:00:00.000Z',
    );
    expect(errorOf({ CLOCK_START: '2021-08-20T09:00:00+02:00', NODE_ENV: 'production' }).variable).toBe('CLOCK_START');
  });

  it('requires JWT_SECRET for a production deployment on its own database', () => {
    expect(errorOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }).variable).toBe('JWT_SECRET');
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://app:secret@db:5432/ratsweg')).toBe('postgres://app:***@db:5432/ratsweg');
    expect(redactUrl('postgres://db/x')).toBe('postgres://db/x');
  });
});
