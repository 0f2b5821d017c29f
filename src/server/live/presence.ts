import { randomUUID } from 'node:crypto';
import type { PubSub } from './pubsub';

/** Someone with an item open. */
export interface Viewer {
  readonly userId: string;
  readonly username: string;
  readonly role: string;
}

/**
 * What a process says: the viewers of one item it has now (empty: none left), or, when it
 * starts, a request that every other process say what it has.
 */
type PresenceMessage =
  | {
      readonly kind: 'viewers';
      readonly process: string;
      readonly item: string;
      readonly viewers: readonly Viewer[];
    }
  | { readonly kind: 'ask'; readonly process: string };

/** Timing of presence: how often a process repeats itself, and when silence means gone. */
export interface PresenceTiming {
  readonly heartbeatMs: number;
  readonly expireMs: number;
}

const DEFAULT_TIMING: PresenceTiming = { heartbeatMs: 10_000, expireMs: 30_000 };
const CHANNEL = 'presence';

/**
 * Who has which item (a sample, an ECG) open, across the server processes of one workspace:
 * each process announces its own viewers of an item on the bus when they change and every
 * heartbeat, and keeps the others' announcements until they expire (a process that stopped
 * without a word drops out after expireMs). Items are opaque keys such as "sample:<id>".
 */
export class Presence {
  /** This process's viewers: item -> (handle -> viewer). */
  private readonly local = new Map<string, Map<string, Viewer>>();
  /** Other processes' viewers: item -> (process -> viewers and expiry). */
  private readonly remote = new Map<
    string,
    Map<string, { viewers: readonly Viewer[]; expiresAtMs: number }>
  >();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly processId = randomUUID();
  private started: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: PubSub,
    private readonly timing: PresenceTiming = DEFAULT_TIMING,
    private readonly now: () => number = Date.now,
  ) {}

  /** Subscribes to the bus once (join and who call it). */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.unsubscribe = await this.bus.subscribe(CHANNEL, (message) =>
        this.receive(message as PresenceMessage),
      );
      this.heartbeat = setInterval(() => void this.announceAll(), this.timing.heartbeatMs);
      this.heartbeat.unref();
      // Learn at once who has what open elsewhere, rather than at the next heartbeat.
      await this.bus.publish(CHANNEL, { kind: 'ask', process: this.processId });
    })();
    return this.started;
  }

  /** Marks a viewer as having the item open; resolves with the function that closes it. */
  async join(item: string, viewer: Viewer): Promise<() => Promise<void>> {
    await this.start();
    const handle = randomUUID();
    const viewers = this.local.get(item) ?? new Map<string, Viewer>();
    viewers.set(handle, viewer);
    this.local.set(item, viewers);
    await this.announce(item);
    return async () => {
      const current = this.local.get(item);
      if (!current?.delete(handle)) return;
      if (current.size === 0) this.local.delete(item);
      await this.announce(item);
    };
  }

  /** Everyone with the item open now, in every process (one entry per user). */
  async who(item: string): Promise<Viewer[]> {
    await this.start();
    const all = [...(this.local.get(item)?.values() ?? [])];
    const nowMs = this.now();
    for (const entry of this.remote.get(item)?.values() ?? []) {
      if (entry.expiresAtMs > nowMs) all.push(...entry.viewers);
    }
    const byUser = new Map(all.map((viewer) => [viewer.userId, viewer]));
    return [...byUser.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  /** Calls listener whenever the item's viewers may have changed; returns the way to stop. */
  onChange(item: string, listener: () => void): () => void {
    const set = this.listeners.get(item) ?? new Set();
    set.add(listener);
    this.listeners.set(item, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(item);
    };
  }

  /** Stops announcing; other processes see this one's viewers leave. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    const items = [...this.local.keys()];
    this.local.clear();
    await Promise.all(items.map((item) => this.announce(item).catch(() => {})));
    this.unsubscribe?.();
  }

  private async announce(item: string): Promise<void> {
    const viewers = [...(this.local.get(item)?.values() ?? [])];
    const message: PresenceMessage = { kind: 'viewers', process: this.processId, item, viewers };
    this.notify(item);
    await this.bus.publish(CHANNEL, message);
  }

  private async announceAll(): Promise<void> {
    const nowMs = this.now();
    // Forget processes that fell silent (stopped without a word).
    for (const [item, entries] of this.remote) {
      for (const [process, entry] of entries) {
        if (entry.expiresAtMs <= nowMs) entries.delete(process);
      }
      if (entries.size === 0) this.remote.delete(item);
    }
    for (const item of this.local.keys()) await this.announce(item).catch(() => {});
  }

  private receive(message: PresenceMessage): void {
    if (message.process === this.processId) return;
    if (message.kind === 'ask') {
      void this.announceAll();
      return;
    }
    const entries = this.remote.get(message.item) ?? new Map();
    if (message.viewers.length === 0) entries.delete(message.process);
    else {
      entries.set(message.process, {
        viewers: message.viewers,
        expiresAtMs: this.now() + this.timing.expireMs,
      });
    }
    if (entries.size === 0) this.remote.delete(message.item);
    else this.remote.set(message.item, entries);
    this.notify(message.item);
  }

  private notify(item: string): void {
    for (const listener of this.listeners.get(item) ?? []) listener();
  }
}
