/**
 * Evaluates a results folder with worker threads, model folders shared out among them: reading
 * and parsing JSON is most of the work and each model's files are independent. The result is the
 * same evaluator (pools, problems in model order) as a walk on one thread.
 */
import { Worker } from 'node:worker_threads';
import type { AnswerSetSnapshot } from '../../domain/evaluation/answer-set';
import { AnswerSetEvaluator } from '../../domain/evaluation/answer-set';
import type { LayoutNotes } from './answer-input';
import { addAnswerLayout, modelFolders } from './answer-input';

interface ModelResult {
  readonly model: string;
  readonly snapshot: AnswerSetSnapshot;
  readonly notes: LayoutNotes;
}

function runWorker(
  root: string,
  dataset: string,
  models: readonly string[],
): Promise<ModelResult[]> {
  return new Promise((resolve, reject) => {
    const results: ModelResult[] = [];
    const script = new URL('./evaluate-worker.ts', import.meta.url).href;
    // The CLI runs from its .ts source through tsx; a worker thread registers tsx's loader
    // itself before it imports the worker module.
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
      .then((api) => { api.register(); return import(${JSON.stringify(script)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { root, dataset, models } });
    worker.on('message', (message: ModelResult) => results.push(message));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0
        ? resolve(results)
        : reject(new Error(`an evaluate worker stopped with code ${code}`)),
    );
  });
}

/**
 * The layout's models (or `onlyModels`) pooled on up to `threads` threads; with one thread, or
 * one model, on this thread.
 */
export async function evaluateLayout(
  dataset: string,
  root: string,
  onlyModels: readonly string[] | null,
  threads: number,
): Promise<{ evaluator: AnswerSetEvaluator; notes: LayoutNotes }> {
  const evaluator = new AnswerSetEvaluator(dataset);
  const models = onlyModels ?? modelFolders(root);
  const workers = Math.min(threads, models.length);
  if (workers <= 1) return { evaluator, notes: addAnswerLayout(evaluator, root, models) };
  // Round-robin, so neighbours in name order (often similar sizes) land on different threads.
  const shares = Array.from({ length: workers }, (_, w) =>
    models.filter((_, i) => i % workers === w),
  );
  const results = (
    await Promise.all(shares.map((share) => runWorker(root, dataset, share)))
  ).flat();
  const byModel = new Map(results.map((r) => [r.model, r]));
  const modelsWithoutDataset: string[] = [];
  for (const model of models) {
    const result = byModel.get(model)!;
    evaluator.absorb(result.snapshot);
    modelsWithoutDataset.push(...result.notes.modelsWithoutDataset);
  }
  return { evaluator, notes: { modelsWithoutDataset } };
}
