import type { AnswerShape, BenchmarkSample } from '../../schemas/benchmark-sample';
import { convertSample } from './convert';

/**
 * One sample as a canonical JSONL line in the given answer shape: the docs' key order, compact
 * JSON, no trailing newline (the file writer adds '\n'). Equal samples give identical bytes.
 */
export function serializeSample(sample: BenchmarkSample, shape: AnswerShape): string {
  return JSON.stringify(convertSample(sample, shape));
}
