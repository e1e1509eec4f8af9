import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './infrastructure/config/app-config';
import { buildOpenApiDocument } from './infrastructure/http/openapi-document';

/** Nothing is connected in preview mode: these values only satisfy the module graph. */
const PREVIEW_CONFIG: AppConfig = {
  nodeEnv: 'development',
  port: 0,
  databaseUrl: 'postgres://preview@127.0.0.1:1/preview',
  embedded: false,
  queueBackend: 'postgres',
  queuePrefix: 'preview',
  jwtSecret: 'preview-only-secret-never-used-to-sign-anything',
  jwtExpiresInSeconds: 3600,
  mailFrom: 'preview <preview@ratsweg.local>',
  seedDemo: false,
  dataDir: '/nonexistent',
  logLevel: 'silent',
  runWorkers: false,
};

/**
 * The OpenAPI document as the running app serves it at /api/docs-json, built without a
 * database, queue or HTTP server: Nest's preview mode resolves the module graph and
 * the controllers' metadata but instantiates no provider.
 */
export async function exportOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(PREVIEW_CONFIG), { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The document as committed in web/src/api/openapi.json: stable key order, two-space indent, final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
