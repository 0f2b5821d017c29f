import { EventEmitter } from 'node:events';
import pg from 'pg';

/** A listener of one channel; messages are small JSON values. */
export type LiveListener = (message: unknown) => void;

/**
 * Publish/subscribe between the server processes of one workspace, for live state such as who
 * has an item open. Delivery is at most once and only to processes listening at the time.
 */
export interface PubSub {
  publish(channel: string, message: unknown): Promise<void>;
  /** Starts listening; resolves (once listening) with the way to stop. */
  subscribe(channel: string, listener: LiveListener): Promise<() => void>;
  close(): Promise<void>;
}

/** The one PostgreSQL notification channel all messages share (routed by `channel` inside). */
export const PG_CHANNEL = 'ecgwb_live';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_MESSAGE_BYTES = 7900;

function encode(channel: string, message: unknown): string {
  const payload = JSON.stringify({ channel, message });
  if (Buffer.byteLength(payload) > MAX_MESSAGE_BYTES) {
    throw new Error(`A live message on ${channel} is over ${MAX_MESSAGE_BYTES} bytes.`);
  }
  return payload;
}

/** Within one process (SQLite: the only process), messages delivered asynchronously. */
export class LocalPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: unknown): Promise<void> {
    // Same size rule and JSON copy as PostgreSQL, so code behaves alike on both.
    const { message: copy } = JSON.parse(encode(channel, message)) as { message: unknown };
    queueMicrotask(() => this.emitter.emit(channel, copy));
  }

  async subscribe(channel: string, listener: LiveListener): Promise<() => void> {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Across processes on PostgreSQL: LISTEN on one dedicated connection (opened at the first
 * subscribe, reopened after a drop), NOTIFY through the shared pool.
 */
export class PgPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private listening: Promise<pg.Client> | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly pool: pg.Pool,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  async publish(channel: string, message: unknown): Promise<void> {
    await this.pool.query('select pg_notify($1, $2)', [PG_CHANNEL, encode(channel, message)]);
  }

  async subscribe(channel: string, listener: LiveListener): Promise<() => void> {
    this.emitter.on(channel, listener);
    try {
      await this.listen();
    } catch (error) {
      this.emitter.off(channel, listener);
      throw error;
    }
    return () => this.emitter.off(channel, listener);
  }

  private listen(): Promise<pg.Client> {
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      const dropped = (reason: string) => {
        if (this.closed || this.listening === undefined) return;
        this.listening = undefined;
        this.log(`Live updates: the PostgreSQL listener dropped (${reason}); reconnecting.`);
        client.end().catch(() => {});
        this.reconnectTimer = setTimeout(() => {
          this.listen().catch((error: unknown) => dropped(String(error)));
        }, 1000);
        this.reconnectTimer.unref();
      };
      client.on('error', (error) => dropped(error.message));
      client.on('end', () => dropped('connection ended'));
      client.on('notification', (note) => {
        if (note.channel !== PG_CHANNEL || note.payload === undefined) return;
        try {
          const { channel, message } = JSON.parse(note.payload) as {
            channel: string;
            message: unknown;
          };
          this.emitter.emit(channel, message);
        } catch {
          this.log('Live updates: ignored a notification that is not ours.');
        }
      });
      await client.connect();
      await client.query(`LISTEN ${PG_CHANNEL}`);
      return client;
    })();
    const attempt = this.listening;
    attempt.catch(() => {
      if (this.listening === attempt) this.listening = undefined;
    });
    return attempt;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.emitter.removeAllListeners();
    const listening = this.listening;
    this.listening = undefined;
    if (listening) await (await listening.catch(() => undefined))?.end();
  }
}
