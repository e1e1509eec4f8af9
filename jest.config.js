/**
 * One run, three kinds of test (STYLE.md): `*.spec.ts` pure units,
 * `*.integration-spec.ts` services against real PostgreSQL and Redis,
 * `test/e2e/*.e2e-spec.ts` the HTTP surface. Each run gets its own database.
 * Type checking is `npm run typecheck`; jest only transpiles.
 */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|integration-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    '^.+\\.m?js$': '<rootDir>/test/setup/esm-to-cjs.js',
  },
  // Only the ESM-only packages are compiled (see test/setup/esm-to-cjs.js).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
};
