import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * scripts/audit-deps.sh against a stand-in `npm` that prints a canned `npm audit --json`
 * report: what it lets pass, what fails, and that an unreachable audit service is a
 * warning (skipped), not a pass in disguise nor a broken build.
 */
describe('scripts/audit-deps.sh', () => {
  let bin: string;
  beforeAll(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-deps-'));
    fs.writeFileSync(path.join(bin, 'npm'), '#!/bin/sh\nprintf "%s" "$FAKE_AUDIT"\nexit "${FAKE_EXIT:-0}"\n', { mode: 0o755 });
  });
  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

  const run = (report: unknown, exit = 0) => {
    const result = spawnSync('bash', [path.resolve(__dirname, 'audit-deps.sh')], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_AUDIT: typeof report === 'string' ? report : JSON.stringify(report), FAKE_EXIT: String(exit) },
      encoding: 'utf8',
    });
    return { status: result.status, out: result.stdout.trim() };
  };
  const counts = (c: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>>) => ({
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...c } },
  });

  it('passes without high or critical advisories (moderate ones are listed in the count only)', () => {
    expect(run({ vulnerabilities: {}, ...counts({ moderate: 2 }) })).toEqual({
      status: 0,
      out: 'audit-deps: runtime dependencies: 0 critical, 0 high, 2 moderate, 0 low',
    });
  });

  it('fails on a high advisory, naming the package and its fix', () => {
    const report = {
      vulnerabilities: {
        'path-to-regexp': {
          name: 'path-to-regexp',
          severity: 'high',
          isDirect: false,
          range: '<0.1.12',
          via: [{ title: 'path-to-regexp outputs backtracking regular expressions' }],
          fixAvailable: { name: 'express', version: '4.21.2', isSemVerMajor: false },
        },
      },
      ...counts({ high: 1 }),
    };
    const { status, out } = run(report, 1);
    expect(status).toBe(1);
    expect(out.split('\n')[0]).toBe('HIGH path-to-regexp <0.1.12: path-to-regexp outputs backtracking regular expressions [fix: express@4.21.2]');
  });

  it.each([
    ['a mirror without the audit endpoint', { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 }],
    ['no network', { error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed' } }],
    ['no report at all', ''],
  ])('warns and exits 0 when the audit service cannot be asked: %s', (_what, report) => {
    const { status, out } = run(report, 1);
    expect(status).toBe(0);
    expect(out).toMatch(/^audit-deps: WARNING: .*runtime dependencies NOT checked$/);
  });

  it('fails (2) when npm audit itself cannot work', () => {
    expect(run({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' } }, 1)).toEqual({
      status: 2,
      out: 'audit-deps: npm audit failed: This command requires an existing lockfile.',
    });
  });
});
