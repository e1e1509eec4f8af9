/**
 * The subjects this process wrote last, so that the next transition of a subject
 * (a paper moves through ten in its life) can skip reading it. Safe because every
 * write is a compare-and-swap on the version: a stale copy loses the swap, is
 * dropped, and the transition is retried on a fresh read. Least recently used
 * entries go first.
 */
export class SubjectCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 5_000) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
