export interface LoginThrottleOptions {
  /** Failures an account may have before it is locked (the fifth locks). */
  freeFailures: number;
  /** The first lock; each further failure doubles it … */
  baseLockMs: number;
  /** … up to this. */
  maxLockMs: number;
  /** An account's failures are forgotten after this long without a new one. */
  forgetAfterMs: number;
  /** Failures from one address within `addressWindowMs` before the address is flagged. */
  addressLimit: number;
  addressWindowMs: number;
  /** Bound on the accounts and addresses remembered (the quietest are dropped first). */
  maxEntries: number;
}

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleOptions = {
  freeFailures: 4,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 24 * 3600_000,
  addressLimit: 500,
  addressWindowMs: 15 * 60_000,
  maxEntries: 100_000,
};

interface AccountState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/**
 * Guards the password against guessing per ACCOUNT: four failures are free, the fifth
 * locks the account for 30 s, every further one doubles the lock (up to 15 min), and
 * while it is locked no attempt is even checked — the right password included. A
 * success clears the account; a day without failures forgets them.
 *
 * The ADDRESS is only counted, with a far higher limit (500 failures in 15 min): a
 * whole Kreisverwaltung behind one NAT address must not be locked out by one person.
 * A flagged address has its wrong passwords answered with 429 (so scripts back off and
 * operators see it in the logs), but a right password for an account that is not
 * locked itself always gets in — the address's count never refuses a correct login.
 *
 * In-memory per process: behind a load balancer each instance counts on its own,
 * which still bounds guessing to instances × the per-account rate.
 */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly accounts = new Map<string, AccountState>();
  private readonly addresses = new Map<string, number[]>();

  constructor(
    options: Partial<LoginThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...LOGIN_THROTTLE_DEFAULTS, ...options };
  }

  /** Seconds until the account may try again; 0 when it may now. */
  accountWaitSeconds(username: string): number {
    const state = this.account(username);
    return state ? Math.max(0, Math.ceil((state.lockedUntil - this.now()) / 1000)) : 0;
  }

  /** Seconds until the address is no longer flagged; 0 when it is not. */
  addressWaitSeconds(address: string): number {
    const list = this.recentAddressFailures(address);
    if (list.length < this.options.addressLimit) return 0;
    return Math.ceil((list[list.length - this.options.addressLimit] + this.options.addressWindowMs - this.now()) / 1000);
  }

  recordFailure(username: string, address: string): void {
    const now = this.now();
    const state = this.account(username) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    state.failures += 1;
    state.lastFailureAt = now;
    const beyond = state.failures - this.options.freeFailures;
    if (beyond > 0) state.lockedUntil = now + Math.min(this.options.maxLockMs, this.options.baseLockMs * 2 ** Math.min(beyond - 1, 30));
    remember(this.accounts, username, state, this.options.maxEntries);

    const list = this.recentAddressFailures(address);
    list.push(now);
    // Only the newest `addressLimit` matter for the decision.
    if (list.length > this.options.addressLimit) list.splice(0, list.length - this.options.addressLimit);
    remember(this.addresses, address, list, this.options.maxEntries);
  }

  recordSuccess(username: string): void {
    this.accounts.delete(username);
  }

  private account(username: string): AccountState | undefined {
    const state = this.accounts.get(username);
    if (state && this.now() - state.lastFailureAt >= this.options.forgetAfterMs) {
      this.accounts.delete(username);
      return undefined;
    }
    return state;
  }

  private recentAddressFailures(address: string): number[] {
    const since = this.now() - this.options.addressWindowMs;
    const list = (this.addresses.get(address) ?? []).filter((t) => t > since);
    if (list.length === 0) this.addresses.delete(address);
    return list;
  }
}

/** Sets the entry as the newest (Maps iterate in insertion order) and drops the oldest beyond `max`. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as string);
}
