/**
 * Golden test of `evaluate`: generated answers for every real ptbxl.jsonl sample (two default
 * models, one forced-commit model, a seeded mix of right, wrong and oddly formatted replies),
 * written in the official layout; the expected figures are computed here from the verdicts the
 * generator knew when it wrote each reply, by a plain reading of docs/evaluation.md.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DefaultVerdicts,
  ForcedVerdicts,
  GeneratedAnswer,
} from '../../testing/answer-generator';
import { generateAnswers } from '../../testing/answer-generator';
import { makeTempDir } from '../../testing/test-database';
import { EXIT } from '../command';
import { evaluateCommand } from './evaluate';
import { benchmarkPath, captureIo, repoRoot } from './test-helpers';

const samples = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map(
    (l) =>
      JSON.parse(l) as Record<string, unknown> & { metadata: { id: number; target_dx: string } },
  );

const MODELS = [
  {
    model: 'alpha_v1',
    style: { seed: 11, rightRate: 0.85, mode: 'default', listShape: true, model: 'alpha-v1' },
  },
  { model: 'beta', style: { seed: 22, rightRate: 0.55, mode: 'default', model: 'beta' } },
  {
    model: 'alpha_forced',
    style: {
      seed: 33,
      rightRate: 0.7,
      mode: 'forced-commit',
      missingRate: 0.05,
      model: 'alpha-v1',
    },
  },
] as const;

// ---- The expected figures, from the docs, from verdicts only ----------------------------------

const STAGES = [
  'criterion_selection',
  'finding_identification',
  'lead_grounding',
  'wave_grounding',
  'measurement_grounding',
  'diagnostic_decision',
];

interface Expected {
  n: number;
  idq: number;
  gt: number;
  self: number;
  hard: number;
  soft: number;
  loops: number;
  depthLoops: number;
  depthSum: number;
  stageTotal: Record<string, number>;
  stageRight: Record<string, number>;
}

function expectDefault(all: readonly DefaultVerdicts[]): Expected {
  const e: Expected = {
    n: 0,
    idq: 0,
    gt: 0,
    self: 0,
    hard: 0,
    soft: 0,
    loops: 0,
    depthLoops: 0,
    depthSum: 0,
    stageTotal: Object.fromEntries(STAGES.map((s) => [s, 0])),
    stageRight: Object.fromEntries(STAGES.map((s) => [s, 0])),
  };
  for (const v of all) {
    e.n += 1;
    if (v.idq) e.idq += 1;
    const stepList = v.loops.flatMap((l) => [
      { stage: 'criterion_selection', ok: l.criterion, forgiven: false },
      { stage: 'finding_identification', ok: l.finding, forgiven: false },
      ...l.grounding.map((g) => ({ stage: g.stage, ok: g.correct, forgiven: false })),
      { stage: 'diagnostic_decision', ok: l.decision, forgiven: l.decisionIsFurther },
    ]);
    for (const s of stepList) {
      e.stageTotal[s.stage]! += 1;
      if (s.ok) e.stageRight[s.stage]! += 1;
    }
    if (stepList.every((s) => s.ok)) e.hard += 1;
    if (stepList.every((s) => s.ok || s.forgiven)) e.soft += 1;
    if (v.loops[v.loops.length - 1]!.decision) e.gt += 1;
    for (const l of v.loops) {
      e.loops += 1;
      if (l.grounding.length === 0) continue;
      e.depthLoops += 1;
      let depth = 0;
      if (l.criterion) {
        depth += 1;
        if (l.finding) {
          depth += 1;
          const firstWrong = l.grounding.findIndex((g) => !g.correct);
          depth += (firstWrong === -1 ? l.grounding.length : firstWrong) / l.grounding.length;
          if (firstWrong === -1 && l.decision) depth += 1;
        }
      }
      e.depthSum += depth;
    }
    e.self += selfRda(v) ? 1 : 0;
  }
  return e;
}

/** Self-RDA as the doc words it: walk the model's own chain to its first Yes/No. */
function selfRda(v: DefaultVerdicts): boolean {
  for (const l of v.loops) {
    if (!l.criterion || !l.finding || l.grounding.some((g) => !g.correct)) return false;
    if (!l.decisionIsFurther) return l.decision;
    if (!l.decision) return l.decisionSaysDx;
  }
  return false;
}

function expectForced(all: readonly ForcedVerdicts[]) {
  const idq = { total: 0, right: 0 };
  const bins = [0, 1, 2, 3].map(() => ({ total: 0, right: 0 }));
  for (const v of all) {
    if (v.idq !== null) {
      idq.total += 1;
      if (v.idq) idq.right += 1;
    }
    const n = v.decisions.length;
    v.decisions.forEach((ok, i) => {
      if (ok === null) return;
      // Coverage (i+1)/n in quarters, right-inclusive, in integers: the first b with (i+1)*4 <= b*n.
      const bin = [1, 2, 3, 4].find((b) => (i + 1) * 4 <= b * n)! - 1;
      bins[bin]!.total += 1;
      if (ok) bins[bin]!.right += 1;
    });
  }
  return { idq, bins };
}

const acc = (right: number, total: number) => (total === 0 ? 0 : right / total);

// ---- Writing the answer set --------------------------------------------------------------------

const temp = makeTempDir('ecg-golden-');
const root = join(temp.dir, 'results');
const out = join(temp.dir, 'out');
const generated = new Map<string, GeneratedAnswer[]>();

function write(model: string, dx: string, name: string, text: string) {
  const dir = join(root, model, 'ptbxl', dx);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
}

let stdout = '';
let stderr = '';
let code = -1;

beforeAll(async () => {
  for (const { model, style } of MODELS) {
    const answers = generateAnswers(samples, style);
    generated.set(model, answers);
    for (const a of answers) {
      const m = a.value['metadata'] as { id: number; target_dx: string };
      write(model, m.target_dx, `${m.id}.json`, JSON.stringify(a.value, null, 4));
    }
  }
  // Odd files of the default model alpha_v1: a lock, a broken file, a missing reply, and one
  // file in the wrong diagnosis folder (counted under its metadata, with a warning).
  write('alpha_v1', 'first_degree_av_block', '99990.json', '');
  write('alpha_v1', 'first_degree_av_block', '99991.json', '{"metadata": {"id": 1,');
  const missing = structuredClone(generated.get('alpha_v1')![0]!.value) as {
    metadata: { id: number; target_dx: string };
    data: { reasoning: { criterion_selection: { model_response?: string } }[] };
  };
  missing.metadata.id = 99992;
  delete missing.data.reasoning[0]!.criterion_selection.model_response;
  write('alpha_v1', missing.metadata.target_dx, '99992.json', JSON.stringify(missing));
  const moved = generated.get('beta')![1]!.value as { metadata: { id: number; target_dx: string } };
  const movedPath = join(
    root,
    'beta',
    'ptbxl',
    moved.metadata.target_dx,
    `${moved.metadata.id}.json`,
  );
  const movedText = readFileSync(movedPath, 'utf8');
  writeFileSync(movedPath, '');
  // The empty file above would be a lock: remove it by overwriting the layout entry instead.
  const { rmSync } = await import('node:fs');
  rmSync(movedPath);
  write('beta', 'premature_ventricular_complex', `${moved.metadata.id}.json`, movedText);

  const io = captureIo();
  code = await evaluateCommand.run([root, '--dataset', 'ptbxl', '--out', out], io);
  stdout = io.stdout.join('\n');
  stderr = io.stderr.join('\n');
}, 240_000);
afterAll(() => temp.remove());

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
}

/** The column list of docs/evaluation.md's "Output files" section, expanded. */
function documentedColumns(): { reasoning: string[]; forced: string[] } {
  const doc = readFileSync(resolve(repoRoot, '../shared/docs/evaluation.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Output files'));
  const ticks = [...section.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const list = (text: string) => text.split(',').map((c) => c.trim());
  const main = list(
    ticks.find((t) => t.startsWith('model, idq_total, idq_correct, idq_accuracy, gt_'))!,
  );
  const stageCols = list(ticks.find((t) => t.startsWith('S_total_w_gt'))!);
  const stageDoc = doc.slice(doc.indexOf('**Per-stage accuracy'), doc.indexOf('**Completion'));
  const stages = [...stageDoc.matchAll(/`([a-z_]+)`/g)]
    .map((m) => m[1]!)
    .filter((s) => s !== 'w_gt' && !s.startsWith('<'));
  const forcedHead = list(ticks.find((t) => t === 'model, idq_total, idq_correct, idq_accuracy')!);
  const binCols = list(ticks.find((t) => t.startsWith('bin{i}_lo'))!);
  return {
    reasoning: [...main, ...stages.flatMap((s) => stageCols.map((c) => c.replace('S', s)))],
    forced: [
      ...forcedHead,
      ...[1, 2, 3, 4].flatMap((i) => binCols.map((c) => c.replace('{i}', String(i)))),
    ],
  };
}

function expectRow(row: Record<string, string>, e: Expected) {
  const num = (k: string) => Number(row[k]);
  expect(num('idq_total')).toBe(e.n);
  expect(num('idq_correct')).toBe(e.idq);
  expect(num('idq_accuracy')).toBe(acc(e.idq, e.n));
  expect(num('gt_reasoning_based_diagnosis_correct')).toBe(e.gt);
  expect(num('gt_reasoning_based_diagnosis_accuracy')).toBe(acc(e.gt, e.n));
  expect(num('self_reasoning_based_diagnosis_total')).toBe(e.n);
  expect(num('self_reasoning_based_diagnosis_correct')).toBe(e.self);
  expect(num('self_reasoning_based_diagnosis_accuracy')).toBe(acc(e.self, e.n));
  expect(num('reasoning_total')).toBe(e.n);
  expect(num('completed_hard')).toBe(e.hard);
  expect(num('completed_soft')).toBe(e.soft);
  expect(num('completion_hard')).toBe(acc(e.hard, e.n));
  expect(num('completion_soft')).toBe(acc(e.soft, e.n));
  expect(num('per_loop_total')).toBe(e.loops);
  expect(num('per_loop_depth_total')).toBe(e.depthLoops);
  // Summed in another order here: the last bits of a float sum may differ.
  expect(num('per_loop_depth_sum')).toBeCloseTo(e.depthSum, 9);
  expect(num('depth')).toBeCloseTo(acc(e.depthSum, e.depthLoops), 12);
  for (const s of STAGES) {
    expect(num(`${s}_total_w_gt`), s).toBe(e.stageTotal[s]);
    expect(num(`${s}_correct_w_gt`), s).toBe(e.stageRight[s]);
    expect(num(`${s}_accuracy_w_gt`), s).toBe(acc(e.stageRight[s]!, e.stageTotal[s]!));
  }
}

const dxOf = (a: GeneratedAnswer) => (a.value['metadata'] as { target_dx: string }).target_dx;

describe('evaluate on a generated answer set over the real ptbxl.jsonl', () => {
  it('writes total.csv and one CSV per diagnosis for each protocol, and says what it left out', () => {
    expect(code).toBe(EXIT.invalid);
    const dxNames = [...new Set(samples.map((s) => s.metadata.target_dx))].sort();
    expect(readdirSync(join(out, 'heuristic', 'ptbxl')).sort()).toEqual(
      ['total', ...dxNames].map((n) => `${n}.csv`).sort(),
    );
    expect(readdirSync(join(out, 'heuristic-forced-commit', 'ptbxl')).sort()).toEqual(
      ['total', ...dxNames].map((n) => `${n}.csv`).sort(),
    );
    expect(stdout).toContain(`alpha_v1: ${samples.length} answer files scored`);
    const lines = stderr.split('\n');
    expect(lines.filter((l) => l.includes(': error: '))).toHaveLength(3);
    expect(stderr).toMatch(/99990\.json: error: the file is empty .*\[answers\.empty\]/);
    expect(stderr).toMatch(
      /99991\.json: error: not JSON at line 1, column \d+: .*\[answers\.syntax\]/,
    );
    expect(stderr).toMatch(
      /99992\.json: error: no model_response text at data\.reasoning\[0\]\.criterion_selection \[answers\.missing-reply\]/,
    );
    expect(stderr).toMatch(
      /premature_ventricular_complex\/\d+\.json: warning: .*\[answers\.layout\]/,
    );
    expect(stderr).toContain('3 answer files left out');
  });

  it('writes the documented columns in the documented order', () => {
    const documented = documentedColumns();
    expect(documented.reasoning).toHaveLength(19 + 18);
    const header = (p: string) => readFileSync(p, 'utf8').split('\n')[0]!.split(',');
    expect(header(join(out, 'heuristic', 'ptbxl', 'total.csv'))).toEqual(documented.reasoning);
    expect(header(join(out, 'heuristic', 'ptbxl', 'lateral_ischemia.csv'))).toEqual(
      documented.reasoning,
    );
    expect(header(join(out, 'heuristic-forced-commit', 'ptbxl', 'total.csv'))).toEqual(
      documented.forced,
    );
  });

  it('matches the figures computed from the verdicts, in total and per diagnosis', () => {
    const total = readCsv(join(out, 'heuristic', 'ptbxl', 'total.csv'));
    expect(total.map((r) => r['model'])).toEqual(['alpha_v1', 'beta']);
    for (const model of ['alpha_v1', 'beta']) {
      const answers = generated.get(model)!;
      expectRow(
        total.find((r) => r['model'] === model)!,
        expectDefault(answers.map((a) => a.verdicts as DefaultVerdicts)),
      );
      for (const dx of new Set(answers.map(dxOf))) {
        const row = readCsv(join(out, 'heuristic', 'ptbxl', `${dx}.csv`)).find(
          (r) => r['model'] === model,
        )!;
        expectRow(
          row,
          expectDefault(
            answers.filter((a) => dxOf(a) === dx).map((a) => a.verdicts as DefaultVerdicts),
          ),
        );
      }
    }
  });

  it('matches the forced-commit figures per coverage bin', () => {
    const answers = generated.get('alpha_forced')!;
    const check = (row: Record<string, string>, subset: GeneratedAnswer[]) => {
      const e = expectForced(subset.map((a) => a.verdicts as ForcedVerdicts));
      expect(Number(row['idq_total'])).toBe(e.idq.total);
      expect(Number(row['idq_correct'])).toBe(e.idq.right);
      expect(Number(row['idq_accuracy'])).toBe(acc(e.idq.right, e.idq.total));
      e.bins.forEach((b, i) => {
        expect([row[`bin${i + 1}_lo`], row[`bin${i + 1}_hi`]]).toEqual([
          String(i * 25),
          String((i + 1) * 25),
        ]);
        expect(Number(row[`bin${i + 1}_total`])).toBe(b.total);
        expect(Number(row[`bin${i + 1}_correct`])).toBe(b.right);
        expect(Number(row[`bin${i + 1}_accuracy`])).toBe(acc(b.right, b.total));
      });
    };
    const total = readCsv(join(out, 'heuristic-forced-commit', 'ptbxl', 'total.csv'));
    expect(total.map((r) => r['model'])).toEqual(['alpha_forced']);
    check(total[0]!, answers);
    expect(Number(total[0]!['bin4_total'])).toBeGreaterThan(Number(total[0]!['bin1_total']));
    for (const dx of new Set(answers.map(dxOf))) {
      check(
        readCsv(join(out, 'heuristic-forced-commit', 'ptbxl', `${dx}.csv`))[0]!,
        answers.filter((a) => dxOf(a) === dx),
      );
    }
  });

  it('writes floats as Python does and reads the same figures from one JSONL of the answers', async () => {
    const text = readFileSync(join(out, 'heuristic', 'ptbxl', 'total.csv'), 'utf8');
    expect(text).toMatch(/^alpha_v1,3084,\d+,0\.\d+,/m);
    expect(text.endsWith('\n')).toBe(true);
    const jsonl = join(temp.dir, 'beta.jsonl');
    writeFileSync(
      jsonl,
      generated
        .get('beta')!
        .map((a) => JSON.stringify(a.value))
        .join('\n') + '\n',
    );
    const io = captureIo();
    const jsonlOut = join(temp.dir, 'out-jsonl');
    expect(
      await evaluateCommand.run(
        [jsonl, '--dataset', 'ptbxl', '--out', jsonlOut, '--model', 'beta'],
        io,
      ),
    ).toBe(EXIT.ok);
    const fromLayout = text.split('\n').find((l) => l.startsWith('beta,'))!;
    const fromJsonl = readFileSync(join(jsonlOut, 'heuristic', 'ptbxl', 'total.csv'), 'utf8').split(
      '\n',
    )[1]!;
    expect(fromJsonl).toBe(fromLayout);
  });
});
