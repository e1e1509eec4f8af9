/**
 * NestJS 12 and a few of its dependencies ship as ES modules only. Node 20 can
 * require() them, but jest's module loader cannot (before Node 24.9), so jest
 * compiles exactly those packages to CommonJS with babel. Nothing else changes:
 * the built app loads the original ESM files.
 */

// ESM files may declare `const require = createRequire(import.meta.url)`; in
// CommonJS that would shadow the `require` the compiled imports call.
const renameLocalRequire = () => ({
  visitor: {
    Program(path) {
      if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '_esmRequire');
    },
  },
});

module.exports = require('babel-jest').createTransformer({
  babelrc: false,
  configFile: false,
  plugins: [
    renameLocalRequire,
    'babel-plugin-transform-import-meta',
    '@babel/plugin-transform-dynamic-import',
    ['@babel/plugin-transform-modules-commonjs', { importInterop: 'node' }],
  ],
});
