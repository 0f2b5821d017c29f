/** Failure limits: per account and per client address, over a sliding window. */
export interface ThrottleLimits {
  readonly windowMs: number;
  readonly maxFailuresPerAccount: number;
  readonly maxFailuresPerAddress: number;
}

/** 5 failures per account or 20 per address in 15 minutes lock further attempts out. */
export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
};

/** Counts failed logins per account and per address (in memory, per server process). */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds until a login for this account from this address may be tried; 0 = allowed now. */
  retryAfterSeconds(username: string, address: string): number {
    const waits: number[] = [];
    const check = (key: string, max: number) => {
      const times = this.recent(key);
      if (times.length >= max) {
        const oldest = times[times.length - max]!;
        waits.push(Math.ceil((oldest + this.limits.windowMs - this.now()) / 1000));
      }
    };
    check(`account:${username.toLowerCase()}`, this.limits.maxFailuresPerAccount);
    check(`address:${address}`, this.limits.maxFailuresPerAddress);
    return waits.length === 0 ? 0 : Math.max(1, ...waits);
  }

  /** Records a failed attempt. */
  recordFailure(username: string, address: string): void {
    for (const key of [`account:${username.toLowerCase()}`, `address:${address}`]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  /** Clears the account's failures after a successful login. */
  recordSuccess(username: string): void {
    this.failures.delete(`account:${username.toLowerCase()}`);
  }
}
