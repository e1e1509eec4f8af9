/**
 * Counts failed logins per username and per client address in a sliding window.
 * After `maxFailures` failures for a username (or 4 × that from one address) further
 * attempts are refused until the window has passed, whether or not the password is
 * right — so a password cannot be guessed by brute force. A success clears the
 * username's count. In-memory per process: behind a load balancer each instance
 * counts on its own, which still bounds guessing to instances × limit per window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, address: string): number {
    const user = this.blockedFor(`u:${username}`, this.maxFailures);
    const ip = this.blockedFor(`a:${address}`, this.maxFailures * 4);
    return Math.ceil(Math.max(user, ip) / 1000);
  }

  recordFailure(username: string, address: string): void {
    for (const key of [`u:${username}`, `a:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username}`);
  }

  private blockedFor(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    return list[list.length - limit] + this.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
