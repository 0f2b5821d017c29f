/**
 * Import model answers: a results folder in the official layout (one import per model folder)
 * or one answers JSONL with its model's name, with a progress bar (counts and time left) and
 * each import's report: what was scored and every file left out, with why.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { AnswerImportJob } from '../../../schemas/api/evaluation';
import { evaluationKey } from '../api/evaluation-api';
import { prepareFolder, uploadAnswers, type ModelUpload } from '../api/upload';

interface Progress {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly unit: 'files' | 'bytes';
  readonly startedMs: number;
}

/** One model's outcome as the panel lists it. */
interface Outcome {
  readonly model: string;
  readonly job: AnswerImportJob | null;
  readonly leftOut: readonly { path: string; why: string }[];
  readonly error: string | null;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function timeLeft(p: Progress): string {
  if (p.done === 0 || p.done >= p.total) return '';
  const elapsed = performance.now() - p.startedMs;
  const left = (elapsed / p.done) * (p.total - p.done);
  return `, about ${Math.max(1, Math.round(left / 1000))} s left`;
}

function ProgressBar({ progress }: { progress: Progress }) {
  const text =
    progress.unit === 'bytes'
      ? `${progress.label}: ${mb(progress.done)} of ${mb(progress.total)} sent`
      : `${progress.label}: ${progress.done} of ${progress.total} files read`;
  return (
    <div role="status" className="flex items-center gap-2 text-[13px]">
      <progress
        aria-label={progress.label}
        max={Math.max(progress.total, 1)}
        value={progress.done}
        className="h-2 w-64"
      />
      <span className="tabular-nums">
        {text}
        {timeLeft(progress)}
      </span>
    </div>
  );
}

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  const report = outcome.job?.report;
  const problems = [
    ...outcome.leftOut.map((l) => `${l.path}: ${l.why}`),
    ...(report?.problems ?? []).map(
      (p) =>
        `${p.lineNumber === null ? p.file : `line ${p.lineNumber}`}: ${p.severity}: ${p.message} [${p.rule}]`,
    ),
  ];
  const summary = outcome.error
    ? `failed: ${outcome.error}`
    : report
      ? `${report.outcome === 'imported' ? `imported ${report.runs.map((r) => `${r.answers} ${r.mode}`).join(', ')}` : 'nothing imported'}; ${report.counts.leftOut + outcome.leftOut.length} left out`
      : 'waiting';
  return (
    <li className="py-0.5">
      <span className="font-medium">{outcome.model}</span>: {summary}
      {problems.length > 0 && (
        <details className="ml-4">
          <summary className="cursor-pointer text-slate-600">{problems.length} problems</summary>
          <ul className="max-h-40 overflow-auto font-mono text-[12px]">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** The import panel. */
export function ImportAnswersPanel() {
  const client = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [busy, setBusy] = useState(false);
  const [jsonlModel, setJsonlModel] = useState('');
  const [jsonlFile, setJsonlFile] = useState<File | null>(null);

  const send = async (uploads: readonly ModelUpload[]) => {
    for (const upload of uploads) {
      const startedMs = performance.now();
      const body = new Blob([upload.jsonl], { type: 'application/x-ndjson' });
      const label = `Importing ${upload.model}`;
      setProgress({ label, done: 0, total: body.size, unit: 'bytes', startedMs });
      let outcome: Outcome;
      try {
        const job =
          upload.jsonl === ''
            ? null
            : await uploadAnswers(`${upload.model}.jsonl`, upload.model, body, (j) =>
                setProgress({
                  label,
                  done: j.bytesReceived,
                  total: body.size,
                  unit: 'bytes',
                  startedMs,
                }),
              );
        outcome = {
          model: upload.model,
          job,
          leftOut: upload.leftOut,
          error: job ? null : 'no answer file could be read',
        };
      } catch (error) {
        outcome = {
          model: upload.model,
          job: null,
          leftOut: upload.leftOut,
          error: error instanceof Error ? error.message : String(error),
        };
      }
      setOutcomes((list) => [...list, outcome]);
    }
    setProgress(null);
    await client.invalidateQueries({ queryKey: evaluationKey });
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setOutcomes([]);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const onFolder = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    void run(async () => {
      const startedMs = performance.now();
      const picked = [...files].map((f) => ({
        path: f.webkitRelativePath || f.name,
        size: f.size,
        text: () => f.text(),
      }));
      const uploads = await prepareFolder(picked, (done, total) =>
        setProgress({ label: 'Reading the folder', done, total, unit: 'files', startedMs }),
      );
      if (uploads.length === 0) {
        setOutcomes([
          {
            model: '(folder)',
            job: null,
            leftOut: [],
            error: 'no <model>/<dataset>/<target_dx>/<id>.json files in this folder',
          },
        ]);
        return;
      }
      await send(uploads);
    });
  };

  const onJsonl = () => {
    if (!jsonlFile || jsonlModel.trim() === '') return;
    void run(async () => {
      await send([
        { model: jsonlModel.trim(), jsonl: await jsonlFile.text(), files: 1, leftOut: [] },
      ]);
    });
  };

  return (
    <section
      aria-label="Import model answers"
      className="rounded border border-slate-200 bg-white p-3"
    >
      <h2 className="font-semibold">Import model answers</h2>
      <p className="text-[13px] text-slate-600">
        A results folder in the official layout (
        <code>&lt;model&gt;/&lt;dataset&gt;/&lt;target_dx&gt;/&lt;id&gt;.json</code>, one run per
        model folder), or one JSONL of answer objects. Answers are matched to this workspace's
        samples by source and id; a file about other questions is reported, never scored.
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-[13px]">
          Results folder
          <input
            type="file"
            aria-label="Results folder"
            disabled={busy}
            ref={(el) => el?.setAttribute('webkitdirectory', '')}
            onChange={(e) => onFolder(e.target.files)}
          />
        </label>
        <span className="text-slate-500">or</span>
        <label className="flex flex-col text-[13px]">
          Answers JSONL
          <input
            type="file"
            accept=".jsonl,.json,application/x-ndjson"
            aria-label="Answers JSONL"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              setJsonlFile(file);
              if (file && jsonlModel === '') setJsonlModel(file.name.replace(/\.jsonl?$/, ''));
            }}
          />
        </label>
        <label className="flex flex-col text-[13px]">
          Model name
          <input
            className="rounded border border-slate-300 px-1 py-0.5"
            value={jsonlModel}
            disabled={busy}
            onChange={(e) => setJsonlModel(e.target.value)}
          />
        </label>
        <Button disabled={busy || !jsonlFile || jsonlModel.trim() === ''} onClick={onJsonl}>
          Import JSONL
        </Button>
      </div>
      <div className="mt-2">{progress && <ProgressBar progress={progress} />}</div>
      {outcomes.length > 0 && (
        <ul aria-label="Import results" className="mt-2 text-[13px]">
          {outcomes.map((o, i) => (
            <OutcomeLine key={i} outcome={o} />
          ))}
        </ul>
      )}
    </section>
  );
}
