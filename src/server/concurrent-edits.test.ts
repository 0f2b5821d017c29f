import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import type { ApiHarness, TestClient, TestResponse } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { denseLabel, loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';

/** One editable entity behind the API: how to load it, save it, and read its version/content. */
interface Target {
  load(client: TestClient): Promise<TestResponse>;
  save(client: TestClient, baseVersion: number, text: string): Promise<TestResponse>;
  /** Version and edited text of a GET body (or a 412's `current`). */
  read(body: unknown): { version: number; text: string | null };
}

/** What one client holds: the version it loaded and its local text. */
interface ClientState {
  baseVersion: number;
  text: string;
}

type Command =
  | { kind: 'load'; client: number }
  | { kind: 'edit'; client: number; text: string }
  | { kind: 'save'; client: number }
  | { kind: 'saveTogether'; clients: number[] };

const commandArb = (clients: number): fc.Arbitrary<Command> => {
  const client = fc.integer({ min: 0, max: clients - 1 });
  return fc.oneof(
    client.map((c) => ({ kind: 'load' as const, client: c })),
    fc
      // A prefix keeps the text non-blank: a blank diagnosis or question breaks a rule (422).
      .record({ client, text: fc.string({ maxLength: 12 }).map((t) => `t:${t}`) })
      .map((r) => ({ kind: 'edit' as const, ...r })),
    client.map((c) => ({ kind: 'save' as const, client: c })),
    fc
      .uniqueArray(client, { minLength: 2, maxLength: clients })
      .map((cs) => ({ kind: 'saveTogether' as const, clients: cs })),
  );
};

/**
 * Runs the commands against the server and a serial model: the model holds the stored version
 * and text; a save wins iff its base is the stored version. Concurrent saves: exactly one of
 * those on the stored version wins and the stored text is the winner's.
 */
async function runScenario(target: Target, clients: TestClient[], commands: Command[]) {
  const model = { version: 0, text: null as string | null };
  const states: ClientState[] = clients.map(() => ({ baseVersion: 0, text: 'initial' }));

  const checkConflict = (response: TestResponse) => {
    expect(response.status).toBe(412);
    expect(target.read(response.body.current)).toEqual(model);
  };

  for (const command of commands) {
    if (command.kind === 'load') {
      const response = await target.load(clients[command.client]!);
      expect(response.status).toBe(200);
      const seen = target.read(response.body);
      expect(seen).toEqual(model);
      states[command.client] = { baseVersion: seen.version, text: seen.text ?? 'initial' };
    } else if (command.kind === 'edit') {
      states[command.client]!.text = command.text;
    } else if (command.kind === 'save') {
      const state = states[command.client]!;
      const response = await target.save(clients[command.client]!, state.baseVersion, state.text);
      if (state.baseVersion === model.version) {
        expect(response.status).toBe(200);
        model.version += 1;
        model.text = state.text;
        expect(target.read(response.body)).toEqual(model);
        state.baseVersion = model.version;
      } else {
        checkConflict(response);
      }
    } else {
      const attempts = command.clients.map((c) => ({ c, ...states[c]! }));
      const responses = await Promise.all(
        attempts.map((a) => target.save(clients[a.c]!, a.baseVersion, a.text)),
      );
      const fresh = attempts.filter((a) => a.baseVersion === model.version);
      const winners = responses.filter((r) => r.status === 200);
      expect(winners.length).toBe(fresh.length > 0 ? 1 : 0);
      const winnerIndex = responses.findIndex((r) => r.status === 200);
      const before = { ...model };
      if (winnerIndex >= 0) {
        const winner = attempts[winnerIndex]!;
        expect(winner.baseVersion).toBe(before.version);
        model.version += 1;
        model.text = winner.text;
        states[winner.c]!.baseVersion = model.version;
      }
      responses.forEach((response, i) => {
        if (i === winnerIndex) return;
        expect(response.status).toBe(412);
        // A loser saw either the state before the winner committed or the state after it.
        const seen = target.read(response.body.current);
        expect([JSON.stringify(before), JSON.stringify(model)]).toContain(JSON.stringify(seen));
      });
    }
  }
  const final = await target.load(clients[0]!);
  expect(target.read(final.body)).toEqual(model);
}

const baseSample = loadRealSamples(1)[0]!;

describe.each(DB_KINDS)('concurrent edits on %s', (kind) => {
  let h: ApiHarness;
  let tabs: { cardiologist: TestClient[]; curator: TestClient[] };
  let nextSampleId = 100_000;
  let nextEcgId = 500_000;

  beforeAll(async () => {
    h = await createApiHarness(kind);
    tabs = { cardiologist: [], curator: [] };
    for (let i = 0; i < 5; i++) {
      tabs.cardiologist.push(await h.freshClient('cardiologist'));
      tabs.curator.push(await h.freshClient('curator'));
    }
  });
  afterAll(async () => {
    await h.dispose();
  });

  async function labelTarget(): Promise<Target> {
    const ecg = (await h.addEcg(String(nextEcgId++))).id;
    return {
      load: (client) => client.request('GET', `/api/ecgs/${ecg}/label`),
      save: (client, baseVersion, text) =>
        client.request('PUT', `/api/ecgs/${ecg}/label`, {
          body: { status: 'submitted', content: denseLabel(text) },
          ifMatch: baseVersion,
        }),
      read: (body) => {
        const label = (
          body as { label: { version: number; content: { diagnosis: string } } | null }
        ).label;
        return { version: label?.version ?? 0, text: label?.content.diagnosis ?? null };
      },
    };
  }

  async function sampleTarget(): Promise<Target> {
    const start: BenchmarkSampleV002 = structuredClone(baseSample);
    start.metadata.id = nextSampleId++;
    const id = await h.addSample(start);
    const withText = (text: string): BenchmarkSampleV002 => {
      const sample = structuredClone(start);
      sample.data.initial_diagnostic_question.question = text;
      return sample;
    };
    // Version 1 is the import; the model counts edits from 0, so shift by one.
    return {
      load: (client) => client.request('GET', `/api/samples/${id}`),
      save: (client, baseVersion, text) =>
        client.request('PUT', `/api/samples/${id}`, {
          body: { sample: withText(text) },
          ifMatch: baseVersion + 1,
        }),
      read: (body) => {
        const b = body as { version: number; sample: BenchmarkSampleV002 };
        return {
          version: b.version - 1,
          text: b.version === 1 ? null : b.sample.data.initial_diagnostic_question.question,
        };
      },
    };
  }

  const runs = kind === 'sqlite' ? 200 : 40;

  it(`keeps every save or refuses it with the current content (${runs} random interleavings, 2-5 clients)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }).chain((n) =>
          fc.record({
            clients: fc.constant(n),
            entity: fc.constantFrom('label' as const, 'sample' as const),
            commands: fc.array(commandArb(n), { minLength: 4, maxLength: 16 }),
          }),
        ),
        async ({ clients, entity, commands }) => {
          const target = entity === 'label' ? await labelTarget() : await sampleTarget();
          const pool = entity === 'label' ? tabs.cardiologist : tabs.curator;
          await runScenario(target, pool.slice(0, clients), commands);
        },
      ),
      { numRuns: runs },
    );
  }, 600_000);
});
