import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/** How sign-in attempts per (account, address) pair are slowed down. */
export interface ThrottleSettings {
  /** Attempts a pair may make at once before delays start (at least 1). */
  readonly freeAttempts: number;
  /** The wait after the first attempt past the free ones; each later one doubles it. */
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** How long a pair's attempts are remembered after its first one (a success forgets them). */
  readonly memorySeconds: number;
}

/** 5 free attempts, then waits of 1, 2, 4 ... s up to 15 min between attempts; a day's memory. */
export const DEFAULT_THROTTLE_SETTINGS: ThrottleSettings = {
  freeAttempts: 5,
  firstDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  memorySeconds: 24 * 60 * 60,
};

/** The table the PostgreSQL store keeps its counters in (created by migration 0004). */
export const THROTTLE_TABLE = 'login_throttle';

/** Where the counters live: PostgreSQL (shared by every server process) or this process. */
export type ThrottleStore =
  { readonly kind: 'postgres'; readonly pool: pg.Pool } | { kind: 'memory' };

/**
 * An attempt's verdict: go ahead and check the password (as the n-th attempt past the free ones,
 * or a free one: null), or wait this long.
 */
export type AttemptVerdict =
  | { readonly admitted: true; readonly delayedAttempt: number | null }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

/** How long a delayed attempt holds the pair's slot while its password is hashed. */
const HOLD_SECONDS = 60;

function pairKey(username: string, address: string): string {
  // Hashed: bounded length for the store's key column, no names or addresses at rest.
  return createHash('sha256').update(`${username.toLowerCase()}\n${address}`).digest('base64url');
}

/**
 * Slows password guessing per (account, address) pair, never locking an account for everyone:
 * every attempt is counted atomically in the store BEFORE its password is hashed, so parallel
 * guesses cannot slip past the count; past `freeAttempts`, one attempt at a time is let through
 * and each failure starts a wait twice the last (the limiter's "brute force with delays"
 * pattern: free, block and counter limiters). A success forgets the pair. With the PostgreSQL
 * store the limits hold across server processes.
 */
export class LoginThrottle {
  private readonly free: RateLimiterAbstract;
  private readonly block: RateLimiterAbstract;
  private readonly counter: RateLimiterAbstract;

  constructor(
    store: ThrottleStore = { kind: 'memory' },
    private readonly settings: ThrottleSettings = DEFAULT_THROTTLE_SETTINGS,
  ) {
    const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
      store.kind === 'postgres'
        ? new RateLimiterPostgres({
            storeClient: store.pool,
            storeType: 'pool',
            tableName: THROTTLE_TABLE,
            tableCreated: true,
            keyPrefix,
            points,
            duration,
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    // The last free attempt already takes the first delayed slot (so it arms the first wait).
    this.free = make('login-free', settings.freeAttempts - 1, settings.memorySeconds);
    this.block = make('login-block', 1, settings.maxDelaySeconds);
    this.counter = make('login-delayed', Number.MAX_SAFE_INTEGER, settings.memorySeconds);
  }

  /** The wait after the n-th attempt past the free ones (n from 1), in whole seconds. */
  delaySeconds(n: number): number {
    const { firstDelaySeconds, maxDelaySeconds } = this.settings;
    return Math.min(maxDelaySeconds, firstDelaySeconds * 2 ** Math.min(n - 1, 30));
  }

  /** Counts an attempt (before its password is checked) and says whether it may go ahead. */
  async admit(username: string, address: string): Promise<AttemptVerdict> {
    const key = pairKey(username, address);
    try {
      await this.free.consume(key);
      return { admitted: true, delayedAttempt: null };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    }
    // Atomic: of attempts racing for the slot exactly one sees consumedPoints 1, and holds it
    // while its password is hashed; failed() then starts the wait.
    const slot = await this.block.penalty(key, 1, { customDuration: HOLD_SECONDS });
    if (slot.consumedPoints === 1) {
      const delayed = await this.counter.penalty(key);
      return { admitted: true, delayedAttempt: delayed.consumedPoints };
    }
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(slot.msBeforeNext / 1000)) };
  }

  /** After a wrong password: a delayed attempt starts the pair's next, longer wait from now. */
  async failed(username: string, address: string, verdict: AttemptVerdict): Promise<void> {
    if (!verdict.admitted || verdict.delayedAttempt === null) return;
    await this.block.block(pairKey(username, address), this.delaySeconds(verdict.delayedAttempt));
  }

  /** Forgets the pair's attempts after a successful sign-in. */
  async succeeded(username: string, address: string): Promise<void> {
    const key = pairKey(username, address);
    await Promise.all([this.free.delete(key), this.block.delete(key), this.counter.delete(key)]);
  }
}
