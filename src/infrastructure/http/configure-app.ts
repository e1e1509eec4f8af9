import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { mountQueueDashboard } from '../queue/queue-dashboard';
import { AllExceptionsFilter } from './exception.filter';
import { createValidationPipe } from './validation';

/** HTTP set-up shared by main.ts and the e2e tests, so tests exercise what runs. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // Before helmet: the dashboard's page needs its own scripts and styles.
  mountQueueDashboard(app);
  app.use(helmet());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ratsweg')
      .setDescription('Workflow and approval engine for council decision procedures (CONTRACT.md).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
