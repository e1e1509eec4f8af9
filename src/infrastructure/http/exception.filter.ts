import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorCode } from '../../shared/domain-error';
import { isDatabaseUnavailable } from '../database/database-unavailable';

/** How long a client is asked to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The HTTP status of each domain error code. Exhaustive: a new code fails to compile until mapped. */
export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'AUTH.INVALID_CREDENTIALS':
    case 'AUTH.UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'AUTH.FORBIDDEN':
    case 'AUTH.CSRF_REQUIRED':
      return HttpStatus.FORBIDDEN;
    case 'AUTH.TOO_MANY_ATTEMPTS':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'AUTH.BODY_REQUIRED':
    case 'COMMON.BAD_INPUT':
      return HttpStatus.BAD_REQUEST;
    case 'COMMON.NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'WORKFLOW.TRANSITION_NOT_ALLOWED':
    case 'WORKFLOW.STALE_VERSION':
    case 'PAPER.NOT_EDITABLE':
    case 'PAPER.ON_AGENDA':
    case 'PAPER.NO_SIGN_OFF':
    case 'ORGANIZATION.BELOW_MINIMUM':
    case 'PAPER.OBJECTION_WINDOW_CLOSED':
    case 'PAPER.OBJECTION_EXHAUSTED':
    case 'PAPER.NO_OBJECTION_WINDOW':
    case 'MEETING.INVITATION_TOO_LATE':
    case 'MEETING.AGENDA_CONFLICT':
    case 'TASK.PAPER_NOT_ADOPTED':
    case 'TASK.OBJECTION_WINDOW_OPEN':
    case 'TASK.DECISION_SUSPENDED':
    case 'TASK.DECISION_ANNULLED':
      return HttpStatus.CONFLICT;
    case 'WORKFLOW.UNKNOWN_MACHINE_VERSION':
      return HttpStatus.INTERNAL_SERVER_ERROR;
    case 'COMMON.SERVICE_UNAVAILABLE':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Every error leaves as `{ statusCode, error, message, ...details }` (CONTRACT.md).
 * Client mistakes are 4xx; only a fault of ours is a 500, answered with the
 * request id and without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    const { status, body } = this.toResponse(exception, request);
    if (status === 503) {
      this.logger.warn({ err: exception, requestId: request.id, path: request.url }, 'database unavailable');
    } else if (status >= 500) {
      this.logger.error({ err: exception, requestId: request.id, path: request.url }, 'unhandled error');
    }
    if ((status === 429 || status === 503) && typeof body.retryAfterSeconds === 'number') {
      response.setHeader('Retry-After', String(body.retryAfterSeconds));
    }
    // A route that declared another type (the HTML agenda, the iCalendar feed) still answers errors as JSON.
    response.status(status).type('application/json').json(body);
  }

  private toResponse(exception: unknown, request: Request & { id?: string }) {
    // Express middleware (our JSON body check) reaches filters wrapped by Nest's adapter.
    if (exception instanceof HttpException && exception.cause instanceof DomainError) exception = exception.cause;
    if (exception instanceof DomainError) {
      const status = statusOf(exception.code);
      return { status, body: envelope(status, exception.message, { code: exception.code, ...exception.details }) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      return { status, body: envelope(status, Array.isArray(message) ? message.join('; ') : String(message)) };
    }
    // body-parser and similar middleware errors carry a 4xx status of their own.
    const maybe = exception as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown };
    const middlewareStatus = Number(maybe?.status ?? maybe?.statusCode);
    if (Number.isInteger(middlewareStatus) && middlewareStatus >= 400 && middlewareStatus < 500) {
      const message = maybe.expose ? String(maybe.message) : (REASON[middlewareStatus] ?? 'Bad Request');
      return { status: middlewareStatus, body: envelope(middlewareStatus, message) };
    }
    // Down, restarting or out of connections: the client may retry, nothing was written.
    if (isDatabaseUnavailable(exception)) {
      return {
        status: 503,
        body: envelope(503, 'The database is unavailable; try again shortly', {
          code: 'COMMON.SERVICE_UNAVAILABLE',
          retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
          requestId: request.id,
        }),
      };
    }
    return {
      status: 500,
      body: envelope(500, 'Internal server error', { requestId: request.id }),
    };
  }
}

function envelope(statusCode: number, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> & { statusCode: number } {
  return { statusCode, error: REASON[statusCode] ?? 'Error', message, ...extra };
}
