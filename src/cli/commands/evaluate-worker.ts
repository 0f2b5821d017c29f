/** A worker thread of `evaluate`: pools the answer files of the model folders it is given, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { AnswerSetEvaluator } from '../../domain/evaluation/answer-set';
import { addAnswerLayout } from './answer-input';

const { root, dataset, models } = workerData as {
  root: string;
  dataset: string;
  models: readonly string[];
};

// One evaluator per model, so the main thread can put problems back in model order.
for (const model of models) {
  const evaluator = new AnswerSetEvaluator(dataset);
  const notes = addAnswerLayout(evaluator, root, [model]);
  parentPort!.postMessage({ model, snapshot: evaluator.snapshot(), notes });
}
