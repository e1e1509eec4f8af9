import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Where the built console is (`vite build` writes dist/web): beside the compiled app
 * (dist/src/... → dist/web) or, when the app runs from its sources (ts-node, jest),
 * in the project's dist/web.
 */
export function webConsoleRoot(): string | undefined {
  const candidates = [path.resolve(__dirname, '../../../dist/web'), path.resolve(__dirname, '../../../web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets')));
}

/**
 * The web console at `/`: its static files, and index.html for any other GET that
 * names text/html in its Accept header outside the API's paths (the console's own routes, such as
 * /vorlagen/…, load the app, which then shows the view). Everything under an API
 * prefix goes on to Nest, so an unknown API path is still a JSON 404. No token is
 * needed for these files: they hold no data; the API calls they make do.
 */
export function mountWebConsole(app: INestApplication, apiPrefixes: readonly string[], root = webConsoleRoot()): void {
  const api = new Set(apiPrefixes);
  const isApiPath = (url: string) => api.has(url.split('?')[0].split('/')[1] ?? '');
  // A browser asks for text/html by name when it navigates; an API client without an
  // Accept header (curl, a script) gets the API's JSON 404 for an unknown path, not the app.
  const wantsPage = (req: Request) => /\btext\/html\b/.test(req.headers.accept ?? '');
  if (!root) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || isApiPath(req.url) || !wantsPage(req)) return next();
      res.status(503).type('text/plain; charset=utf-8').send('Die Web-Konsole ist nicht gebaut: npm run build\n');
    });
    return;
  }
  const index = readFileSync(path.join(root, 'index.html'));
  // Hashed file names: a changed asset is a new URL, so they may be cached for good.
  app.use(
    '/assets',
    express.static(path.join(root, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.url)) return next();
    if (req.path.startsWith('/assets/')) return next();
    if (req.path !== '/' && path.extname(req.path)) {
      return express.static(root, { index: false, fallthrough: true, maxAge: '1h' })(req, res, next);
    }
    if (!wantsPage(req)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/html; charset=utf-8').send(index);
  });
}
