/**
 * Sends answers and label files to the server: a results folder (the official layout, picked
 * as a directory) becomes one JSONL per model; each upload is followed to its report with the
 * bytes sent and lines read, so the screen can show progress and time left.
 */
import { z } from 'zod';
import { ApiRequestError, apiGet, apiSend } from '../../../lib/api-client';
import {
  AnswerImportJobSchema,
  LabelPredictorSchema,
  type AnswerImportJob,
} from '../../../schemas/api/evaluation';
import { DATA_SOURCES } from '../../../schemas/benchmark-sample';
import { groupInto } from '../../../domain/group-into';

/** A file the browser read (File, or a test's stand-in). */
export interface PickedFile {
  readonly path: string;
  text(): Promise<string>;
  readonly size: number;
}

/** One model's answers made ready to send, and the files the browser could not use. */
export interface ModelUpload {
  readonly model: string;
  readonly jsonl: string;
  readonly files: number;
  /** Files left out before sending: empty (locks) or not JSON. */
  readonly leftOut: readonly { path: string; why: string }[];
}

/**
 * The model a file of a picked folder belongs to: the folder above its dataset folder
 * (`<model>/<dataset>/<target_dx>/<id>.json`, the picked folder being the results root or the
 * model folder itself).
 */
export function modelOfPath(path: string): string | null {
  const parts = path.split('/');
  const at = parts.findIndex((p) => (DATA_SOURCES as readonly string[]).includes(p));
  return at >= 1 && parts.length - at === 3 ? parts[at - 1]! : null;
}

/** Groups a picked folder's `.json` files by model and turns each model's files into one JSONL. */
export async function prepareFolder(
  files: readonly PickedFile[],
  onRead: (done: number, total: number) => void,
): Promise<ModelUpload[]> {
  const byModel = new Map<string, PickedFile[]>();
  for (const f of files) {
    if (!f.path.endsWith('.json')) continue;
    const model = modelOfPath(f.path);
    if (model === null) continue;
    groupInto(byModel, model, f);
  }
  const total = [...byModel.values()].reduce((n, list) => n + list.length, 0);
  let done = 0;
  const uploads: ModelUpload[] = [];
  for (const [model, list] of [...byModel].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const lines: string[] = [];
    const leftOut: { path: string; why: string }[] = [];
    for (const f of list) {
      const text = await f.text();
      done += 1;
      if (done % 200 === 0 || done === total) onRead(done, total);
      if (text.trim() === '') {
        leftOut.push({ path: f.path, why: 'empty (a lock left by an interrupted run?)' });
        continue;
      }
      try {
        lines.push(JSON.stringify(JSON.parse(text)));
      } catch (error) {
        leftOut.push({
          path: f.path,
          why: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    uploads.push({
      model,
      jsonl: lines.length > 0 ? `${lines.join('\n')}\n` : '',
      files: list.length,
      leftOut,
    });
  }
  return uploads;
}

const POLL_MS = 250;

/** Starts an answers import, sends the JSONL and reports progress until the server's report. */
export async function uploadAnswers(
  fileName: string,
  model: string,
  body: Blob,
  onProgress: (job: AnswerImportJob) => void,
): Promise<AnswerImportJob> {
  const job = await apiSend(
    'POST',
    '/api/evaluation/imports',
    { fileName, model, sizeBytes: body.size },
    AnswerImportJobSchema,
  );
  onProgress(job);
  let finished = false;
  const poll = (async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (finished) return;
      try {
        onProgress(await apiGet(`/api/evaluation/imports/${job.id}`, AnswerImportJobSchema));
      } catch {
        // A missed poll only delays the progress bar; the upload's own answer decides.
      }
    }
  })();
  try {
    const response = await fetch(`/api/evaluation/imports/${job.id}/file`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-ndjson' },
      body,
    });
    const parsed = AnswerImportJobSchema.safeParse(await response.json());
    if (!parsed.success) {
      throw new ApiRequestError(
        response.status,
        'bad_response',
        `The import of ${fileName} failed (${response.status}).`,
        job.id,
      );
    }
    onProgress(parsed.data);
    return parsed.data;
  } finally {
    finished = true;
    await poll;
  }
}

/** Imports a predicted-label JSONL under a name. */
export async function uploadLabels(
  name: string,
  body: Blob,
): Promise<z.infer<typeof LabelPredictorSchema>> {
  const response = await fetch(
    `/api/evaluation/label-predictions?name=${encodeURIComponent(name)}`,
    {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-ndjson' },
      body,
    },
  );
  const json: unknown = await response.json();
  if (!response.ok) {
    const error = z
      .object({ error: z.object({ code: z.string(), message: z.string() }) })
      .safeParse(json);
    throw new ApiRequestError(
      response.status,
      error.success ? error.data.error.code : 'http',
      error.success ? error.data.error.message : `The label import failed (${response.status}).`,
      'label-predictions',
    );
  }
  return LabelPredictorSchema.parse(json);
}
