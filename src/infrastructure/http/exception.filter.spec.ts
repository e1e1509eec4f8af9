import { ArgumentsHost, BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { BadInputError, DomainError, NotFoundError } from '../../shared/domain-error';
import { AllExceptionsFilter, statusOf } from './exception.filter';

function run(exception: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.headers['Content-Type'] = value;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ id: 'req-1', url: '/x' }) }),
  } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter();
  (filter as unknown as { logger: { error: () => void; warn: () => void } }).logger = { error: () => undefined, warn: () => undefined };
  filter.catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter', () => {
  it('maps domain errors by code and returns their details', () => {
    const sent = run(new BadInputError('Invalid input: foo', [{ field: 'foo', messages: ['bad'] }]));
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid input: foo',
      code: 'COMMON.BAD_INPUT',
      fields: [{ field: 'foo', messages: ['bad'] }],
    });
    expect(run(new NotFoundError('Organization', 'x')).status).toBe(404);
  });

  it('sets Retry-After on 429', () => {
    const sent = run(new DomainError('AUTH.TOO_MANY_ATTEMPTS', 'wait', { retryAfterSeconds: 42 }));
    expect(sent.status).toBe(429);
    expect(sent.headers['Retry-After']).toBe('42');
  });

  it('keeps the contract shape for framework HTTP errors', () => {
    expect(run(new NotFoundException('Cannot GET /nowhere')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /nowhere',
    });
    expect(run(new BadRequestException(['a', 'b'])).body?.message).toBe('a; b');
  });

  it('passes through 4xx errors of middleware such as the JSON body parser', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { status: 400, expose: true });
    expect(run(parseError)).toMatchObject({ status: 400, body: { statusCode: 400, message: 'Unexpected token' } });
  });

  it('answers a database that cannot be reached with 503 and Retry-After, hiding the internals', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });
    const shutdown = new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    for (const error of [refused, shutdown, new Error('timeout exceeded when trying to connect')]) {
      const sent = run(error);
      expect(sent.status).toBe(503);
      expect(sent.headers['Retry-After']).toBe('5');
      expect(sent.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database is unavailable; try again shortly',
        code: 'COMMON.SERVICE_UNAVAILABLE',
        retryAfterSeconds: 5,
        requestId: 'req-1',
      });
    }
  });

  it('answers a domain error that middleware raised (Nest wraps it as the cause) by its code', () => {
    const bad = new BadInputError('Invalid input: a (nested too deep)', [{ field: 'a', messages: ['nested too deep'] }]);
    const sent = run(new HttpException('Invalid input', 403, { cause: bad }));
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ code: 'COMMON.BAD_INPUT', fields: [{ field: 'a', messages: ['nested too deep'] }] });
  });

  it('answers anything else with 500 and the request id, hiding the internals', () => {
    const sent = run(new Error('connection to 10.1.2.3 refused: password=hunter2'));
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      requestId: 'req-1',
    });
  });

  it('has a status for every code', () => {
    expect(statusOf('AUTH.INVALID_CREDENTIALS')).toBe(HttpStatus.UNAUTHORIZED);
    expect(statusOf('AUTH.FORBIDDEN')).toBe(HttpStatus.FORBIDDEN);
    expect(statusOf('AUTH.BODY_REQUIRED')).toBe(HttpStatus.BAD_REQUEST);
  });
});
