import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exportOpenApiDocument, serializeOpenApiDocument } from './openapi-export';

/**
 * The console's API client is generated from web/src/api/openapi.json. When the app's
 * contract changes, this fails until the copy is exported again (npm run
 * openapi:export) and committed — and the console then has to build against it.
 */
describe('OpenAPI document of the web console', () => {
  it('is the document the app builds now (run `npm run openapi:export` after an API change)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '../web/src/api/openapi.json'), 'utf8');
    const current = serializeOpenApiDocument(await exportOpenApiDocument());
    expect(committed === current ? 'in step' : 'differs: run npm run openapi:export and commit').toBe('in step');
    expect(JSON.parse(current).paths['/inbox']).toBeDefined();
  });
});
