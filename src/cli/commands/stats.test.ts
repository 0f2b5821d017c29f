import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../command';
import { statsCommand } from './stats';
import { benchmarkPath, captureIo, runCli } from './test-helpers';

const realLines = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const tmp = mkdtempSync(join(tmpdir(), 'cli-stats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface RawSample {
  metadata: { data_source: string; target_dx: string; dx_label: boolean; path_idx: number };
  data: { reasoning: { ecg_grounding: { question_type: string }[] }[] };
}

interface StatsJson {
  samples: number;
  answerShape: string;
  cells: {
    data_source: string;
    target_dx: string;
    dx_label: boolean;
    path_idx: number;
    count: number;
  }[];
  stepsPerSample: { histogram: Record<string, number>; min: number; max: number };
  groundingByType: Record<string, number>;
}

describe('ecg-workbench stats', () => {
  it('agrees with a count made here from the raw lines (child process, --json)', async () => {
    const { code, stdout, stderr } = await runCli(['stats', '--json', benchmarkPath]);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    const stats = JSON.parse(stdout) as StatsJson;

    const cells = new Map<string, number>();
    const steps = new Map<number, number>();
    const grounding = new Map<string, number>();
    for (const line of realLines) {
      const { metadata: m, data } = JSON.parse(line) as RawSample;
      const key = `${m.data_source} ${m.target_dx} ${m.dx_label} ${m.path_idx}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
      steps.set(data.reasoning.length, (steps.get(data.reasoning.length) ?? 0) + 1);
      for (const step of data.reasoning) {
        for (const g of step.ecg_grounding)
          grounding.set(g.question_type, (grounding.get(g.question_type) ?? 0) + 1);
      }
    }
    expect(stats.samples).toBe(realLines.length);
    expect(stats.answerShape).toBe('scalar');
    expect(stats.cells).toHaveLength(cells.size);
    for (const c of stats.cells) {
      expect(c.count).toBe(
        cells.get(`${c.data_source} ${c.target_dx} ${c.dx_label} ${c.path_idx}`),
      );
    }
    expect(Object.entries(stats.stepsPerSample.histogram).map(([k, v]) => [Number(k), v])).toEqual(
      [...steps.entries()].sort((a, b) => a[0] - b[0]),
    );
    for (const [type, count] of grounding) expect(stats.groundingByType[type]).toBe(count);
    expect(stats.groundingByType.total).toBe([...grounding.values()].reduce((a, b) => a + b, 0));
  });

  it('prints a table for people', async () => {
    const io = captureIo();
    expect(await statsCommand.run([benchmarkPath], io)).toBe(EXIT.ok);
    const text = io.stdout.join('\n');
    expect(text).toMatch(
      new RegExp(
        `^${benchmarkPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${realLines.length} samples`,
      ),
    );
    expect(text).toMatch(/data_source\s+target_dx\s+dx_label\s+path_idx\s+samples/);
    expect(text).toMatch(/reasoning steps per sample:/);
    expect(text).toMatch(/lead_grounding\s+\d+/);
  });

  it('leaves out documents with errors, says so on stderr and exits 1', async () => {
    const path = join(tmp, 'some-bad.jsonl');
    writeFileSync(path, `${realLines[0]}\n{broken\n${realLines[1]}\n`);
    const io = captureIo();
    expect(await statsCommand.run(['--json', path], io)).toBe(EXIT.invalid);
    expect((JSON.parse(io.stdout.join('')) as StatsJson).samples).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/some-bad\.jsonl:2: error: not valid JSON/);
    expect(io.stderr.at(-1)).toMatch(/1 document with errors left out/);
  });
});
