import { SESSION_COOKIE, createSession } from '../server/auth/session-store';
import { hashPassword } from '../server/auth/password';
import { registerEcgRecord } from '../server/services/ecgs';
import { insertUser } from '../server/services/users';
import { openMigratedDatabase } from '../server/storage/open-database';
import { denseLabel } from '../testing/sample-fixtures';
import { spawnServer } from '../testing/server-process';
import { makeTempDir } from '../testing/test-database';
import type { BenchSuite } from './suite';
import { median, quantile } from './suite';

const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 40;
const ROUNDS = 3;
const GOAL_P99_MS = 50;

interface BenchClient {
  cookie: string;
  ecgId: string;
  version: number;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Each client runs its requests one after another; all clients at once. Returns latencies. */
async function runClients(
  clients: BenchClient[],
  request: (client: BenchClient, i: number) => Promise<void>,
) {
  const latencies: number[] = [];
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++)
        latencies.push(await timed(() => request(client, i)));
    }),
  );
  return latencies;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Suite `server`: 50 concurrent clients on loopback against a real server process on SQLite,
 * each saving its own dense label (PUT with If-Match, one durable commit per save) 40 times in a
 * row; the reference is the same load of GET /api/session (a session lookup, no write).
 */
export const saveLatencySuite: BenchSuite = {
  name: 'server',
  async run() {
    const temp = makeTempDir('ecg-bench-');
    const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: undefined });
    const user = await insertUser(storage.db, null, {
      username: 'bench',
      role: 'cardiologist',
      passwordHash: await hashPassword('bench-password'),
    });
    const clients: BenchClient[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const ecg = await registerEcgRecord(storage.db, {
        source: 'ptbxl',
        ecgId: String(20_000 + i),
      });
      const session = await createSession(storage.db, user.id);
      clients.push({ cookie: `${SESSION_COOKIE}=${session.token}`, ecgId: ecg.id, version: 0 });
    }
    await storage.close();

    const server = spawnServer({ DATA_DIR: temp.dir });
    try {
      const port = await server.ready;
      const base = `http://127.0.0.1:${port}`;
      const save = async (client: BenchClient, i: number) => {
        const response = await fetch(`${base}/api/ecgs/${client.ecgId}/label`, {
          method: 'PUT',
          headers: {
            'content-type': 'application/json',
            'if-match': `"${client.version}"`,
            cookie: client.cookie,
          },
          body: JSON.stringify({ status: 'draft', content: denseLabel(`edit ${i}`) }),
        });
        if (response.status !== 200)
          throw new Error(`save answered ${response.status}: ${await response.text()}`);
        client.version = ((await response.json()) as { label: { version: number } }).label.version;
      };
      const readSession = async (client: BenchClient) => {
        const response = await fetch(`${base}/api/session`, { headers: { cookie: client.cookie } });
        if (response.status !== 200)
          throw new Error(`GET /api/session answered ${response.status}`);
        await response.arrayBuffer();
      };

      await runClients(clients, save);
      await runClients(clients, readSession);
      const rounds: { saveP50: number; saveP99: number; refP50: number; refP99: number }[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const reference = await runClients(clients, readSession);
        const saves = await runClients(clients, save);
        rounds.push({
          saveP50: quantile(saves, 0.5),
          saveP99: quantile(saves, 0.99),
          refP50: quantile(reference, 0.5),
          refP99: quantile(reference, 0.99),
        });
      }
      const saveP99 = median(rounds.map((r) => r.saveP99));
      const refP99 = median(rounds.map((r) => r.refP99));
      return {
        database: 'sqlite (WAL, synchronous=FULL)',
        clients: CLIENTS,
        requestsPerClientPerRound: REQUESTS_PER_CLIENT,
        rounds: ROUNDS,
        saveP50Ms: round2(median(rounds.map((r) => r.saveP50))),
        saveP99Ms: round2(saveP99),
        referenceGetSessionP50Ms: round2(median(rounds.map((r) => r.refP50))),
        referenceGetSessionP99Ms: round2(refP99),
        saveP99ToReferenceP99: round2(saveP99 / refP99),
        goal: `save p99 < ${GOAL_P99_MS} ms with ${CLIENTS} concurrent clients`,
        met: saveP99 < GOAL_P99_MS,
      };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      temp.remove();
    }
  },
};
