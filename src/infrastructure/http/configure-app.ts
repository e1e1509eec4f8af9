import type { INestApplication } from '@nestjs/common';
import { json } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { mountQueueDashboard } from '../queue/queue-dashboard';
import { AllExceptionsFilter } from './exception.filter';
import { JSON_BODY_LIMIT, requireJsonBody, verifyJsonBody } from './json-body';
import { apiPrefixes, buildOpenApiDocument } from './openapi-document';
import { createValidationPipe } from './validation';
import { mountWebConsole } from './web-console';

/** HTTP set-up shared by main.ts and the e2e tests, so tests exercise what runs. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // Before helmet: the dashboard's page needs its own scripts and styles.
  mountQueueDashboard(app);
  app.use(helmet());
  const document = buildOpenApiDocument(app);
  // Ahead of the JSON body check: the console's files are GETs without a body.
  mountWebConsole(app, apiPrefixes(document));
  // Our JSON parser, ahead of the one Nest adds at init (which then finds the body read
  // and stands aside): size and depth are bounded on the raw bytes, before JSON.parse.
  // Nest's useBodyParser() reserves `verify`, hence express.json itself.
  app.use(requireJsonBody);
  app.use(json({ limit: JSON_BODY_LIMIT, verify: verifyJsonBody }));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
