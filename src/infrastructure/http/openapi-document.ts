import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * The OpenAPI document of every controller. Served at /api/docs-json, exported to
 * web/src/api/openapi.json (`npm run openapi:export`) for the console's generated
 * client; a test fails when the committed copy differs from what the app builds.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ratsweg')
      .setDescription('Workflow and approval engine for council decision procedures (CONTRACT.md).')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('ratsweg_session')
      .build(),
  );
}

/** The first path segments the API answers under (`papers`, `auth`, …): never the console's. */
export function apiPrefixes(document: OpenAPIObject): string[] {
  const prefixes = new Set(Object.keys(document.paths).map((path) => path.split('/')[1]));
  // The OpenAPI UI and JSON, and the queue dashboard (mounted outside Nest's router).
  prefixes.add('api');
  prefixes.add('admin');
  return [...prefixes].filter(Boolean).sort();
}
