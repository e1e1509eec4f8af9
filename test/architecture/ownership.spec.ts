import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Who owns what (issue 14). Read from the source as text, like a lint rule:
 *
 * 1. Layers import downward only: `shared ← infrastructure ← workflow ← modules`
 *    (and `src/demo`, `src/main.ts`, `src/runtime.ts`, `src/app.module.ts` on top).
 * 2. A module reaches a sibling module only through the files that module offers
 *    (`PUBLIC` below), never through its internals (an entity may name a sibling's
 *    entity in a relation: that is a foreign key, not a read).
 * 3. Raw SQL names only tables of the module (or layer) the file lives in: the owner of
 *    a table is the folder of its `@Entity`.
 *
 * `KNOWN_DEBTS` lists what the code still does against these rules, each with the rule
 * it breaks. The list only shrinks: a new breach fails, and so does an entry that no
 * longer happens (delete it when the debt is paid).
 */

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

/** What each module offers its siblings, by path inside the module without `.ts`. */
const PUBLIC: Record<string, readonly string[]> = {
  bodies: ['bodies.module', 'organizations.service', 'persons.service', 'sign-off-rules.service', 'signers.service', 'unit-mailboxes.service', 'organization-kind', 'organization-sql', 'sign-off-rule'],
  deadlines: ['deadlines.module', 'deadlines.service', 'deadline-rules', 'deadline-rules.module', 'deadline-row', 'deadline-policies'],
  health: ['health.module'],
  identity: ['identity.module', 'access.service', 'users.service', 'auth-user', 'decorators', 'role', 'identity.errors', 'auth.guard'],
  inbox: ['inbox.module'],
  meetings: ['meetings.module', 'meetings.service', 'decision-extracts.service', 'meeting.types', 'invitation-period'],
  metrics: ['metrics-api.module'],
  notifications: ['notifications.module', 'notifications.service', 'notification.types'],
  papers: ['papers.module', 'papers.service', 'paper-events.service', 'paper.types', 'paper.view', 'paper-links', 'paper-reminders', 'paper-event-roles', 'motions.service', 'dto/paper.responses'],
  tasks: ['tasks.module', 'tasks.service', 'task.types', 'task-labels'],
};

const KNOWN_DEBTS: readonly string[] = [];

const LAYERS = ['shared', 'infrastructure', 'workflow', 'modules'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

const rel = (path: string) => relative(ROOT, path).split('\\').join('/');

/** `src/modules/papers/x.ts` → `modules/papers`; `src/workflow/outbox/y.ts` → `workflow`; top files → `app`. */
function home(path: string): string {
  const parts = rel(path).split('/');
  if (parts[1] === 'modules') return `modules/${parts[2]}`;
  return (LAYERS as readonly string[]).includes(parts[1]) ? parts[1] : 'app';
}

function layerIndex(place: string): number {
  const layer = place.startsWith('modules/') ? 'modules' : place;
  const index = (LAYERS as readonly string[]).indexOf(layer);
  return index < 0 ? LAYERS.length : index;
}

function relativeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'|import\('(\.{1,2}\/[^']+)'\)/g)) {
    found.push(match[1] ?? match[2]);
  }
  return found;
}

function resolveImport(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return `${base}.ts`;
}

function tableOwners(files: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/@Entity\('(\w+)'/g)) owners.set(match[1], home(file));
  }
  return owners;
}

/** Every breach of the three rules, as stable one-line keys. */
export function breaches(): string[] {
  const files = sourceFiles(SRC);
  const owners = tableOwners(files);
  const found = new Set<string>();
  for (const file of files) {
    const me = home(file);
    const source = readFileSync(file, 'utf8');
    for (const spec of relativeImports(source)) {
      const target = resolveImport(file, spec);
      if (!target.startsWith(SRC)) continue;
      const there = home(target);
      if (there === me) continue;
      if (layerIndex(there) > layerIndex(me)) {
        found.add(`layer ${rel(file)} -> ${rel(target)}`);
      } else if (me.startsWith('modules/') && there.startsWith('modules/')) {
        const module = there.slice('modules/'.length);
        const name = rel(target).split('/').slice(3).join('/').replace(/\.ts$/, '');
        // A relation between entities is the schema's (a foreign key), not a read of data.
        const relation = file.endsWith('.entity.ts') && target.endsWith('.entity.ts');
        if (!relation && !(PUBLIC[module] ?? []).includes(name)) found.add(`import ${rel(file)} -> ${rel(target)}`);
      }
    }
    for (const match of source.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+"?([a-z_]+)"?/g)) {
      const owner = owners.get(match[1]);
      if (owner && owner !== me) found.add(`sql ${rel(file)} -> ${match[1]}`);
    }
  }
  return [...found].sort();
}

describe('module ownership (issue 14)', () => {
  const now = breaches();

  it('no new breach: layers import downward, siblings through what they offer, SQL only into own tables', () => {
    expect(now.filter((b) => !KNOWN_DEBTS.includes(b))).toEqual([]);
  });

  it('every known debt still exists (a paid debt leaves the list)', () => {
    expect(KNOWN_DEBTS.filter((d) => !now.includes(d))).toEqual([]);
  });

  it('catches what it must: an upward import, an internal of a sibling, SQL into a foreign table', () => {
    // The reader itself, on strings shaped like the breaches it exists to find.
    expect(relativeImports("import { X } from '../../modules/identity/role';")).toEqual(['../../modules/identity/role']);
    expect(relativeImports("export * from './a';\nconst m = await import('../b');")).toEqual(['./a', '../b']);
    expect(layerIndex('infrastructure')).toBeLessThan(layerIndex('modules/papers'));
    expect(layerIndex('shared')).toBeLessThan(layerIndex('workflow'));
    expect(home(join(SRC, 'modules/papers/paper.machine.ts'))).toBe('modules/papers');
    expect(home(join(SRC, 'workflow/outbox/outbox.processor.ts'))).toBe('workflow');
    expect([...'SELECT 1 FROM paper p JOIN "task" t'.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+"?([a-z_]+)"?/g)].map((m) => m[1])).toEqual([
      'paper',
      'task',
    ]);
  });
});
