/**
 * The chain editor's saves through the autosave library against the real API in process
 * (SQLite, a cardiologist's session): edits saved with If-Match and an Idempotency-Key, a draft
 * the rules refuse kept and not sent, and a 412 merged question by question on the version both
 * sides were edited from, nothing lost.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeSamples, setQuestionText } from '../../domain/benchmark/edit';
import type { AutosaveOptions, Conflict } from '../../lib/autosave';
import { Autosaver, AutosaveJournal, describeAutosaveStatus } from '../../lib/autosave';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import type { ApiHarness } from '../../testing/api-harness';
import { createApiHarness } from '../../testing/api-harness';
import { loadRealSamples } from '../../testing/sample-fixtures';
import { createChainEditorStore } from './chain-editor-store';
import { sampleAtVersion, sampleAutosaveKey, sampleSaveFunction } from './sample-save';

const [base] = loadRealSamples(1);

describe('saving chain edits through the autosave library', () => {
  let h: ApiHarness;
  let journal: AutosaveJournal;
  let sampleId = '';
  let n = 0;
  const sent: Headers[] = [];

  beforeAll(async () => {
    h = await createApiHarness('sqlite');
    await h.addEcg(base!.metadata.ecg_id);
    const cookie = h.client('cardiologist').cookie ?? '';
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if (init.method === 'PUT') sent.push(headers);
      return h.app.request(input, { ...init, headers });
    });
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await h.dispose();
  });
  beforeEach(async () => {
    n += 1;
    sent.length = 0;
    journal = await AutosaveJournal.open(`sample-save-${n}`);
    sampleId = await h.addSample({ ...base!, metadata: { ...base!.metadata, id: n } });
  });
  afterEach(() => journal.close());

  const options = (
    merge: AutosaveOptions<BenchmarkSampleV002>['merge'] = () =>
      Promise.reject(new Error('no conflict expected')),
  ): AutosaveOptions<BenchmarkSampleV002> => ({
    key: sampleAutosaveKey(sampleId),
    journal,
    debounceMs: 20,
    save: sampleSaveFunction(sampleId),
    merge,
  });
  const serverSample = async () =>
    (await h.client('curator').request('GET', `/api/samples/${sampleId}`)).body as {
      version: number;
      sample: BenchmarkSampleV002;
    };
  const start = async (merge?: AutosaveOptions<BenchmarkSampleV002>['merge']) => {
    const now = await serverSample();
    return Autosaver.start(options(merge), { version: now.version, content: now.sample });
  };
  const settled = (saver: Autosaver<BenchmarkSampleV002>, version: number) =>
    vi.waitFor(() => expect(saver.getSnapshot().status).toEqual({ state: 'saved', version }));

  it('saves an edit with If-Match and an Idempotency-Key; typing one field undoes as one step', async () => {
    const saver = await start();
    const editor = createChainEditorStore(saver);
    const ref = { kind: 'initial' } as const;
    const text = base!.data.initial_diagnostic_question.question;
    for (const typed of [' (a', ' (ab', ' (abc)'])
      editor.getState().apply((s) => setQuestionText(s, ref, text + typed), 'initial.q');
    await settled(saver, 2);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.get('if-match')).toBe('1');
    expect(sent[0]!.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await serverSample()).sample.data.initial_diagnostic_question.question).toBe(
      `${text} (abc)`,
    );
    // The three keystrokes undo as one step, and the undo is saved too.
    expect(editor.getState().undo()).toBe(true);
    expect(editor.getState().sample().data.initial_diagnostic_question.question).toBe(text);
    await settled(saver, 3);
    expect((await serverSample()).sample.data.initial_diagnostic_question.question).toBe(text);
    saver.dispose();
  });

  it('keeps a draft the rules refuse here, unsent, and saves it once it is fixed', async () => {
    const saver = await start();
    const editor = createChainEditorStore(saver);
    const ref = { kind: 'criterion', step: 0 } as const;
    editor.getState().apply((s) => setQuestionText(s, ref, ''));
    await vi.waitFor(() => expect(saver.getSnapshot().status.state).toBe('error'));
    expect(describeAutosaveStatus(saver.getSnapshot().status)).toBe(
      'Error: not sent: 1 rule error to fix first (1 kept in this browser)',
    );
    expect(sent).toEqual([]);
    expect(await journal.entries(sampleAutosaveKey(sampleId))).toHaveLength(1);
    editor.getState().apply((s) => setQuestionText(s, ref, 'Which criterion?'));
    await settled(saver, 2);
    expect((await serverSample()).sample.data.reasoning[0]!.criterion_selection.question).toBe(
      'Which criterion?',
    );
    saver.dispose();
  });

  it('merges a 412 on the version both sides came from: my change and theirs both kept', async () => {
    const seen: Conflict<BenchmarkSampleV002>[] = [];
    const saver = await start(async (conflict) => {
      seen.push(conflict);
      const from = await sampleAtVersion(sampleId, conflict.baseVersion);
      const merged = mergeSamples(from, conflict.mine, conflict.theirs);
      expect(merged.conflicts).toEqual([]);
      return merged.merged;
    });
    // Another tab (the curator) saves a change to the finding first.
    const theirs = structuredClone((await serverSample()).sample);
    theirs.data.reasoning[0]!.finding_identification.question = 'Theirs?';
    const other = await h.client('curator').request('PUT', `/api/samples/${sampleId}`, {
      body: { sample: theirs },
      ifMatch: 1,
    });
    expect(other.status).toBe(200);
    // I reword the initial question, on version 1.
    const editor = createChainEditorStore(saver);
    editor.getState().apply((s) => setQuestionText(s, { kind: 'initial' }, 'Mine?'));
    await settled(saver, 3);
    expect(seen.map((c) => [c.baseVersion, c.theirsVersion])).toEqual([[1, 2]]);
    const final = (await serverSample()).sample;
    expect(final.data.initial_diagnostic_question.question).toBe('Mine?');
    expect(final.data.reasoning[0]!.finding_identification.question).toBe('Theirs?');
    expect(sent.map((x) => x.get('if-match'))).toEqual(['1', '2']);
    saver.dispose();
  });
});
