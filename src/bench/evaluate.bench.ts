import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addAnswerLayout } from '../cli/commands/answer-input';
import { AnswerSetEvaluator } from '../domain/evaluation/answer-set';
import { createPrng } from '../domain/synth/prng';
import { generateAnswer } from '../testing/answer-generator';
import type { BenchSuite } from './suite';
import { median } from './suite';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const benchmarkPath = path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');

/** The size: the whole benchmark (about 6,443 samples) answered by 10 models. */
const SAMPLES = 6443;
const MODELS = 10;
const GOAL_MS = 2000;
const GOAL_RATIO = 0.5;

const round = (ms: number) => Math.round(ms);

/** Every answer file's path under the layout, in the order the evaluator reads them. */
function layoutFiles(root: string): string[] {
  const files: string[] = [];
  for (const model of readdirSync(root).sort()) {
    const dataDir = path.join(root, model, 'ptbxl');
    for (const dx of readdirSync(dataDir).sort())
      for (const name of readdirSync(path.join(dataDir, dx)))
        files.push(path.join(dataDir, dx, name));
  }
  return files;
}

/**
 * Suite `evaluate`: ptbxl.jsonl's samples repeated to 6,443 (new ids), answered by 10 generated
 * models (seeded mix of right, wrong and oddly formatted replies) and written in the official
 * layout, pretty-printed; then the evaluator (walk, read, parse, check, score, pool, CSV
 * text) against reading and JSON.parse-ing the same files, interleaved in the same run; plus the
 * same two from memory (texts already read), which leaves the file system out.
 */
export const evaluateSuite: BenchSuite = {
  name: 'evaluate',
  async run() {
    const base = readFileSync(benchmarkPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown> & { metadata: { id: number } });
    const root = mkdtempSync(path.join(os.tmpdir(), 'ecg-bench-evaluate-'));
    try {
      let bytes = 0;
      const texts: { model: string; text: string }[] = [];
      for (let m = 0; m < MODELS; m++) {
        const model = `model_${String(m).padStart(2, '0')}`;
        const rng = createPrng(1000 + m);
        const style = { seed: 0, rightRate: 0.5 + m * 0.04, mode: 'default', model } as const;
        for (let i = 0; i < SAMPLES; i++) {
          const sample = structuredClone(base[i % base.length]!);
          sample.metadata.id = i;
          const { value } = generateAnswer(sample, style, rng);
          const meta = value['metadata'] as { target_dx: string };
          const dir = path.join(root, model, 'ptbxl', meta.target_dx);
          mkdirSync(dir, { recursive: true });
          const text = JSON.stringify(value, null, 4);
          writeFileSync(path.join(dir, `${i}.json`), text);
          bytes += Buffer.byteLength(text);
          texts.push({ model, text });
        }
      }
      const files = layoutFiles(root);

      let sink = 0;
      const parseFiles = () => {
        for (const file of files) sink += JSON.parse(readFileSync(file, 'utf8')) ? 1 : 0;
      };
      let csvFiles = 0;
      let scored = 0;
      const evaluateFiles = () => {
        const evaluator = new AnswerSetEvaluator('ptbxl');
        addAnswerLayout(evaluator, root, null);
        csvFiles = evaluator.csvFiles().size;
        scored = evaluator.summary().reduce((n, m) => n + m.default, 0);
        if (evaluator.problems.length > 0) throw new Error('evaluate bench: unexpected problems');
      };
      const parseMemory = () => {
        for (const t of texts) sink += JSON.parse(t.text) ? 1 : 0;
      };
      const evaluateMemory = () => {
        const evaluator = new AnswerSetEvaluator('ptbxl');
        for (const t of texts) evaluator.addText(t.model, t.text, { file: '', lineNumber: null });
        csvFiles = evaluator.csvFiles().size;
      };
      // Wall time, and this process's CPU time: on a shared machine the CPU figure shows the
      // work itself when other processes stretch the wall clock.
      const cpuSeries: Record<string, number[]> = {};
      const time = (name: string, fn: () => void) => {
        const cpu = process.cpuUsage();
        const start = performance.now();
        fn();
        const wall = performance.now() - start;
        const used = process.cpuUsage(cpu);
        (cpuSeries[name] ??= []).push((used.user + used.system) / 1000);
        return wall;
      };

      const runs = 5;
      const series: Record<string, number[]> = {
        parseFiles: [],
        evaluateFiles: [],
        parseMemory: [],
        evaluateMemory: [],
      };
      // One untimed round, then interleaved rounds so load changes hit both sides alike.
      for (let i = 0; i <= runs; i++) {
        const round = {
          parseFiles: time('parseFiles', parseFiles),
          evaluateFiles: time('evaluateFiles', evaluateFiles),
          parseMemory: time('parseMemory', parseMemory),
          evaluateMemory: time('evaluateMemory', evaluateMemory),
        };
        if (i > 0) for (const [k, v] of Object.entries(round)) series[k]!.push(v);
        else for (const v of Object.values(cpuSeries)) v.pop();
      }
      if (sink === 0 || scored !== SAMPLES * MODELS) throw new Error('evaluate bench: wrong count');

      const m = Object.fromEntries(
        Object.entries(series).map(([k, v]) => [k, median(v)]),
      ) as Record<string, number>;
      const cpu = Object.fromEntries(
        Object.entries(cpuSeries).map(([k, v]) => [k, Math.round(median(v))]),
      ) as Record<string, number>;
      const ratioFiles = Math.round((m['parseFiles']! / m['evaluateFiles']!) * 100) / 100;
      const ratioMemory = Math.round((m['parseMemory']! / m['evaluateMemory']!) * 100) / 100;
      return {
        samples: SAMPLES,
        models: MODELS,
        files: files.length,
        megabytes: Math.round(bytes / 1e6),
        csvFiles,
        runs,
        fromFiles: {
          readAndJsonParseMedianMs: round(m['parseFiles']!),
          evaluateMedianMs: round(m['evaluateFiles']!),
          evaluateRangeMs: [
            round(Math.min(...series['evaluateFiles']!)),
            round(Math.max(...series['evaluateFiles']!)),
          ],
          ratioParseToEvaluate: ratioFiles,
          cpuMedianMs: { readAndJsonParse: cpu['parseFiles'], evaluate: cpu['evaluateFiles'] },
        },
        fromMemory: {
          jsonParseMedianMs: round(m['parseMemory']!),
          evaluateMedianMs: round(m['evaluateMemory']!),
          ratioParseToEvaluate: ratioMemory,
          cpuMedianMs: { jsonParse: cpu['parseMemory'], evaluate: cpu['evaluateMemory'] },
        },
        loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
        cores: os.cpus().length,
        goal: `evaluate from files in < ${GOAL_MS} ms (median); throughput >= ${GOAL_RATIO}x JSON.parse of the same files`,
        goalMet: m['evaluateFiles']! < GOAL_MS && ratioFiles >= GOAL_RATIO,
      };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
