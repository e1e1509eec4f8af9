/**
 * Writes the app's OpenAPI document to web/src/api/openapi.json, the contract the
 * console's client is generated from (`npm run openapi:export`; the build then runs
 * openapi-typescript on it). Commit the result with the API change that caused it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportOpenApiDocument, serializeOpenApiDocument } from '../src/openapi-export';

const OPENAPI_JSON = path.resolve(__dirname, '../web/src/api/openapi.json');

exportOpenApiDocument().then(
  (document) => {
    writeFileSync(OPENAPI_JSON, serializeOpenApiDocument(document));
    console.log(`wrote ${path.relative(process.cwd(), OPENAPI_JSON)} (${Object.keys(document.paths).length} paths)`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
