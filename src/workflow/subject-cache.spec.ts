import { SubjectCache } from './subject-cache';

describe('SubjectCache', () => {
  it('keeps the most recently used entries within its capacity', () => {
    const cache = new SubjectCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('replaces and deletes entries', () => {
    const cache = new SubjectCache<number>(2);
    cache.set('a', 1);
    cache.set('a', 5);
    expect(cache.get('a')).toBe(5);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });
});
