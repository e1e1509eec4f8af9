import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/web, which the NestJS app serves at `/`.
 * `npm run dev:web` serves it with hot reload and proxies the API to a running app.
 */
const API = ['/auth', '/inbox', '/papers', '/meetings', '/organizations', '/tasks', '/reports', '/workflows', '/sign-off-rules', '/admin', '/health', '/api'];

export default defineConfig({
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  server: { proxy: Object.fromEntries(API.map((p) => [p, process.env.RATSWEG_URL ?? 'http://localhost:3000'])) },
});
