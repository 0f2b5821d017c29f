import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OwnLabelResponseSchema, SaveLabelResponseSchema } from '../../schemas/api/labels';
import type { DraftLabel } from '../../schemas/dense-label';
import type { ApiHarness, TestClient } from '../../testing/api-harness';
import { createApiHarness } from '../../testing/api-harness';
import { apiGet, apiSend } from '../api-client';
import type { AutosaveOptions, Conflict } from './autosaver';
import { Autosaver } from './autosaver';
import { saveOverHttp } from './http-transport';
import { AutosaveJournal } from './journal';
import { describeAutosaveStatus } from './status-words';

/**
 * The autosaver against the real API (the app in process, SQLite): the browser's fetch is
 * routed to it with a cardiologist's session, and can be cut (offline) or made to lose answers.
 */
describe('autosave against the label API', () => {
  let harness: ApiHarness;
  let journal: AutosaveJournal;
  let ecgId: string;
  let dbCounter = 0;
  const network = { offline: false, loseAnswers: 0, sent: [] as Headers[] };

  beforeAll(async () => {
    harness = await createApiHarness('sqlite');
    const cookie = harness.client('cardiologist').cookie ?? '';
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      if (network.offline) throw new TypeError('Failed to fetch');
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if (init.method === 'PUT') network.sent.push(headers);
      const response = await harness.app.request(input, { ...init, headers });
      if (network.loseAnswers > 0) {
        network.loseAnswers -= 1;
        throw new TypeError('Failed to fetch');
      }
      return response;
    });
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await harness.dispose();
  });
  beforeEach(async () => {
    network.offline = false;
    network.loseAnswers = 0;
    network.sent = [];
    dbCounter += 1;
    journal = await AutosaveJournal.open(`autosave-test-${dbCounter}`);
    ecgId = (await harness.addEcg(String(1000 + dbCounter))).id;
  });
  afterEach(() => journal.close());

  const labelUrl = () => `/api/ecgs/${ecgId}/label`;
  const serverLabel = () => apiGet(labelUrl(), OwnLabelResponseSchema);

  function options(
    overrides: Partial<AutosaveOptions<DraftLabel>> = {},
  ): AutosaveOptions<DraftLabel> {
    return {
      key: `label:${ecgId}`,
      journal,
      debounceMs: 20,
      retryMs: 20,
      save: ({ content, baseVersion, idempotencyKey }) =>
        saveOverHttp(
          () =>
            apiSend('PUT', labelUrl(), { status: 'draft', content }, SaveLabelResponseSchema, {
              ifMatch: baseVersion,
              idempotencyKey,
            }).then((saved) => ({ version: saved.label?.version ?? 0 })),
          (current) => {
            const parsed = OwnLabelResponseSchema.safeParse(current);
            return parsed.success && parsed.data.label
              ? { version: parsed.data.label.version, content: parsed.data.label.content }
              : undefined;
          },
        ),
      merge: () => Promise.reject(new Error('no conflict expected')),
      ...overrides,
    };
  }

  async function settled(saver: Autosaver<DraftLabel>, version: number) {
    await vi.waitFor(() => expect(saver.getSnapshot().status).toEqual({ state: 'saved', version }));
  }

  it('journals each edit before saving, saves once edits pause, with If-Match and a key', async () => {
    const saver = await Autosaver.start(options({ debounceMs: 200 }), { version: 0, content: {} });
    saver.edit({ rate: 'normal' });
    saver.edit({ rate: 'normal', rhythm: 'sinus' });
    await saver.journalled();
    expect((await journal.entries(`label:${ecgId}`)).map((e) => e.seq)).toEqual([1, 2]);
    expect(saver.getSnapshot().status).toEqual({ state: 'saving', version: 0, queued: 2 });
    expect(network.sent).toEqual([]);
    await settled(saver, 1);
    expect(network.sent).toHaveLength(1);
    expect(network.sent[0]?.get('if-match')).toBe('0');
    expect(network.sent[0]?.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await serverLabel()).label?.content).toEqual({ rate: 'normal', rhythm: 'sinus' });
    await vi.waitFor(async () => expect(await journal.entries(`label:${ecgId}`)).toEqual([]));
    expect(describeAutosaveStatus(saver.getSnapshot().status)).toBe('Saved (version 1)');
    saver.dispose();
  });

  it('queues edits while offline and saves them all, in order, when the server is back', async () => {
    const saver = await Autosaver.start(options(), { version: 0, content: {} });
    network.offline = true;
    saver.edit({ rate: 'normal' });
    await vi.waitFor(() => expect(saver.getSnapshot().status.state).toBe('offline'));
    saver.edit({ rate: 'normal', axis: 'left' });
    saver.edit({ rate: 'normal', axis: 'left', rhythm: 'junctional' });
    await saver.journalled();
    expect(saver.getSnapshot().status).toMatchObject({ state: 'offline', queued: 3 });
    expect(describeAutosaveStatus(saver.getSnapshot().status)).toMatch(/^Offline \(3 queued\)/);
    expect(await journal.entries(`label:${ecgId}`)).toHaveLength(3);
    network.offline = false;
    await saver.flush();
    await settled(saver, 1);
    expect((await serverLabel()).label?.content).toEqual({
      rate: 'normal',
      axis: 'left',
      rhythm: 'junctional',
    });
    saver.dispose();
  });

  it('replays journalled edits after a reload (the page gone before they were sent)', async () => {
    const first = await Autosaver.start(options({ debounceMs: 10_000 }), {
      version: 0,
      content: {},
    });
    first.edit({ rate: 'tachycardia' });
    first.edit({ rate: 'tachycardia', diagnosis: 'sinus tach' }, 'diagnosis');
    await first.journalled();
    first.dispose();
    expect(network.sent).toEqual([]);
    const server = await serverLabel();
    const second = await Autosaver.start(options(), {
      version: 0,
      content: server.label?.content ?? {},
    });
    expect(second.getSnapshot()).toMatchObject({
      recovered: 2,
      content: { rate: 'tachycardia', diagnosis: 'sinus tach' },
    });
    await settled(second, 1);
    expect((await serverLabel()).label?.content).toEqual({
      rate: 'tachycardia',
      diagnosis: 'sinus tach',
    });
    second.dispose();
  });

  it("leaves a live tab's journalled edits to that tab", async () => {
    const live = await Autosaver.start(options({ debounceMs: 10_000 }), {
      version: 0,
      content: {},
    });
    live.edit({ rate: 'normal' });
    await live.journalled();
    const sessions: string[] = [];
    const other = await Autosaver.start(
      options({ isSessionAlive: async () => true, onSession: (s) => sessions.push(s) }),
      { version: 0, content: {} },
    );
    expect(other.getSnapshot()).toMatchObject({ recovered: 0, content: {} });
    expect((await journal.entries(`label:${ecgId}`)).map((e) => e.content)).toEqual([
      { rate: 'normal' },
    ]);
    other.dispose();
    live.dispose();
  });

  it('applies a save once when its answer was lost and it is retried (same Idempotency-Key)', async () => {
    const saver = await Autosaver.start(options(), { version: 0, content: {} });
    network.loseAnswers = 1;
    saver.edit({ axis: 'right' });
    await settled(saver, 1);
    const keys = network.sent.map((headers) => headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect((await serverLabel()).label).toMatchObject({ version: 1, content: { axis: 'right' } });
    saver.dispose();
  });

  it('hands mine and theirs to the merge on a 412 and saves the merge on top of theirs', async () => {
    const tab: TestClient = await harness.freshClient('cardiologist');
    const seen: Conflict<DraftLabel>[] = [];
    const saver = await Autosaver.start(
      options({
        merge: async (conflict) => {
          seen.push(conflict);
          return { ...conflict.theirs, ...conflict.mine };
        },
      }),
      { version: 0, content: {} },
    );
    const theirs = await tab.request('PUT', labelUrl(), {
      body: { status: 'draft', content: { rhythm: 'paced' } },
      ifMatch: 0,
    });
    expect(theirs.status).toBe(200);
    saver.edit({ rate: 'bradycardia' });
    await settled(saver, 2);
    expect(seen).toEqual([
      {
        mine: { rate: 'bradycardia' },
        theirs: { rhythm: 'paced' },
        theirsVersion: 1,
        baseVersion: 0,
      },
    ]);
    expect((await serverLabel()).label).toMatchObject({
      version: 2,
      content: { rhythm: 'paced', rate: 'bradycardia' },
    });
    expect(network.sent.map((headers) => headers.get('if-match'))).toEqual(['0', '1']);
    saver.dispose();
  });

  it('says Error with the server sentence on a refusal and keeps the edit', async () => {
    const saver = await Autosaver.start(options(), { version: 0, content: {} });
    saver.edit({ diagnosis: 'x'.repeat(600) });
    await vi.waitFor(() => expect(saver.getSnapshot().status.state).toBe('error'));
    expect(describeAutosaveStatus(saver.getSnapshot().status)).toMatch(/^Error: .*1 kept/);
    expect(await journal.entries(`label:${ecgId}`)).toHaveLength(1);
    saver.edit({ diagnosis: 'short' }, 'diagnosis');
    await settled(saver, 1);
    expect((await serverLabel()).label?.content).toEqual({ diagnosis: 'short' });
    saver.dispose();
  });

  it('undoes and redoes edits, typing of one group as one step, each saved', async () => {
    const saver = await Autosaver.start(options(), { version: 0, content: {} });
    saver.edit({ rate: 'normal' });
    saver.edit({ rate: 'normal', diagnosis: 'a' }, 'diagnosis');
    saver.edit({ rate: 'normal', diagnosis: 'ab' }, 'diagnosis');
    expect(saver.undo()).toBe(true);
    expect(saver.getSnapshot().content).toEqual({ rate: 'normal' });
    expect(saver.undo()).toBe(true);
    expect(saver.getSnapshot().content).toEqual({});
    expect(saver.undo()).toBe(false);
    expect(saver.redo()).toBe(true);
    expect(saver.getSnapshot()).toMatchObject({ content: { rate: 'normal' }, canRedo: true });
    await settled(saver, 1);
    expect((await serverLabel()).label?.content).toEqual({ rate: 'normal' });
    saver.edit({ rate: 'tachycardia' });
    expect(saver.getSnapshot().canRedo).toBe(false);
    saver.dispose();
  });
});
