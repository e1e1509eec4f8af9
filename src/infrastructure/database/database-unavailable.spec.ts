import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'FATAL' });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' })],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['refused on every address', new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], '')],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['terminated by the pool', new Error('Connection terminated')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['client no longer queryable', new Error('Client has encountered a connection error and is not queryable')],
    ['admin shutdown (57P01) inside a QueryFailedError', queryFailed(pgError('57P01', 'terminating connection due to administrator command'))],
    ['crash shutdown (57P02)', pgError('57P02')],
    ['cannot connect now (57P03)', pgError('57P03', 'the database system is shutting down')],
    ['connection failure (08006)', queryFailed(pgError('08006'))],
    ['client unable to establish (08001)', pgError('08001')],
    ['connection does not exist (08003)', pgError('08003')],
    ['too many connections (53300)', pgError('53300')],
    ['a transaction whose connection died (QueryRunnerAlreadyReleasedError)', new QueryRunnerAlreadyReleasedError()],
    ['a released query runner provider', new QueryRunnerProviderAlreadyReleasedError()],
    ['a cause chain', new Error('transaction failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })],
  ])('%s: unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed(pgError('23505', 'duplicate key value violates unique constraint'))],
    ['invalid text (22021)', queryFailed(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))],
    ['a syntax error of ours', queryFailed(pgError('42601', 'syntax error at or near "x"'))],
    ['a deadlock', queryFailed(pgError('40P01'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that merely mentions a connection', new Error('no connection to the mail server')],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ])('%s: not unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops on a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
