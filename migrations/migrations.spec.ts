import fs from 'node:fs';
import { migrations } from './index';

describe('migrations/index.ts', () => {
  it('lists every migration file of the folder, in timestamp order', () => {
    const files = fs
      .readdirSync(__dirname)
      .filter((f) => /^\d{13}-[A-Za-z0-9]+\.ts$/.test(f))
      .sort();
    const listed = migrations.map((m) => m.name);
    expect(listed).toEqual(files.map((f) => `${f.slice(14, -3)}${f.slice(0, 13)}`));
    expect(files.length).toBeGreaterThan(0);
  });
});
