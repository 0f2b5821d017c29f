import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunksOf } from '../jsonl/read-jsonl';
import { jsonlEntries } from '../jsonl/source-entry';
import type { FileValidation } from './validate-file';
import { validateEntries } from './validate-file';

const benchmarkPath = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');
const realBytes = readFileSync(benchmarkPath);
const realLines = realBytes
  .toString('utf8')
  .split('\n')
  .filter((line) => line !== '');

/** A real sample line whose wave/measurement answers fix its answer shape (scalar). */
const versionedLine = realLines.find((line) =>
  /"question_type":"(wave|measurement)_grounding"/.test(line),
)!;

function withId(line: string, id: number): string {
  const sample = JSON.parse(line) as { metadata: { id: number } };
  sample.metadata.id = id;
  return JSON.stringify(sample);
}

const denseLabelLine = JSON.stringify({
  data_source: 'ptbxl',
  ecg_id: '21472',
  label: {
    rate: 'normal',
    rhythm: 'sinus',
    axis: 'left',
    conduction: ['none'],
    ischemia: { stage: 'old', territory: ['inferior'] },
    other_findings: [],
    diagnosis: 'old inferior MI, left axis deviation',
  },
});

async function check(
  parts: (string | Uint8Array)[],
  maxLineBytes?: number,
): Promise<FileValidation> {
  const options = maxLineBytes === undefined ? {} : { maxLineBytes };
  return validateEntries('t.jsonl', jsonlEntries('t.jsonl', chunksOf(parts), options));
}

function rules(result: FileValidation) {
  return result.problems.map((p) => ({ line: p.lineNumber, rule: p.rule, severity: p.severity }));
}

describe('validateEntries on the real benchmark', () => {
  it('finds every ptbxl.jsonl sample free of errors, in the scalar answer shape', async () => {
    const chunks = [];
    for (let at = 0; at < realBytes.length; at += 65_536)
      chunks.push(realBytes.subarray(at, at + 65_536));
    const result = await validateEntries(
      benchmarkPath,
      jsonlEntries(benchmarkPath, chunksOf(chunks)),
    );
    expect(result.kind).toBe('samples');
    expect(result.answerShape).toBe('scalar');
    expect(result.counts).toMatchObject({
      entries: realLines.length,
      samples: 3084,
      errors: 0,
      invalid: 0,
    });
    for (const p of result.problems) {
      expect(p.lineNumber).toBe(p.sampleId! + 1);
      expect(p.severity).toBe('warning');
    }
  });
});

describe('file-level rules', () => {
  it('reports a duplicate id on the second line, naming the first', async () => {
    const result = await check([
      `${withId(versionedLine, 7)}\n${withId(realLines[1]!, 8)}\n${withId(versionedLine, 7)}\n`,
    ]);
    const duplicate = result.problems.find((p) => p.rule === 'duplicate-id');
    expect(duplicate).toMatchObject({
      lineNumber: 3,
      sampleId: 7,
      pathText: 'metadata.id',
      severity: 'error',
    });
    expect(duplicate?.message).toMatch(/line 1/);
    expect(result.counts.invalid).toBe(1);
  });

  it('refuses a file mixing scalar-shaped and list-shaped samples', async () => {
    const v002 = versionedLine
      .replace(/("question_type":"(?:wave|measurement)_grounding")/g, '$1')
      .replace(
        /"answer":("[^"]*"),"answer_idx":(\d+),"question_type":"(wave|measurement)_grounding"/g,
        '"answer":[$1],"answer_idx":[$2],"question_type":"$3_grounding"',
      );
    expect(v002).not.toBe(versionedLine);
    const result = await check([`${versionedLine}\n${withId(v002, 99_999)}\n`]);
    expect(rules(result)).toContainEqual({ line: 2, rule: 'mixed-shapes', severity: 'error' });
    expect(result.answerShape).toBeNull();
    const alone = await check([`${withId(v002, 99_999)}\n`]);
    expect(alone.answerShape).toBe('list');
    expect(alone.counts.errors).toBe(0);
  });

  it('tells dense labels from samples and refuses a file mixing them', async () => {
    const labels = await check([`${denseLabelLine}\n`]);
    expect(labels.kind).toBe('dense-labels');
    expect(labels.counts).toMatchObject({ denseLabels: 1, samples: 0, errors: 0 });
    const mixed = await check([`${versionedLine}\n${denseLabelLine}\n`]);
    expect(mixed.kind).toBe('mixed');
    expect(rules(mixed)).toContainEqual({ line: 2, rule: 'mixed-kinds', severity: 'error' });
  });

  it('reports a label for the same ECG twice', async () => {
    const result = await check([`${denseLabelLine}\n${denseLabelLine}\n`]);
    expect(rules(result)).toEqual([{ line: 2, rule: 'duplicate-ecg', severity: 'error' }]);
  });

  it('refuses an empty file', async () => {
    const result = await check(['\n']);
    expect(result.kind).toBe('empty');
    expect(result.problems.map((p) => p.rule)).toEqual(['jsonl.blank-line', 'empty-file']);
  });
});

describe('malformed files: a clear message and no crash', () => {
  const good = realLines[0]!;

  it('broken JSON: line and column, the other lines still checked', async () => {
    const result = await check([
      `${good}\n{"metadata": {"id": 1,}}\n${withId(realLines[1]!, 77)}\n`,
    ]);
    expect(rules(result)).toEqual([{ line: 2, rule: 'jsonl.syntax', severity: 'error' }]);
    expect(result.problems[0]?.message).toMatch(/column 23: expected a property name/);
    expect(result.counts.samples).toBe(2);
  });

  it('a UTF-8 BOM: a warning, and the file is valid', async () => {
    const result = await check([new Uint8Array([0xef, 0xbb, 0xbf]), `${good}\n`]);
    expect(rules(result)).toEqual([{ line: 1, rule: 'jsonl.bom', severity: 'warning' }]);
    expect(result.counts.errors).toBe(0);
  });

  it('CRLF line ends and blank lines: warnings, samples read', async () => {
    const result = await check([`${good}\r\n\r\n${withId(realLines[1]!, 55)}\r\n`]);
    expect(rules(result)).toEqual([
      { line: 1, rule: 'jsonl.crlf', severity: 'warning' },
      { line: 2, rule: 'jsonl.blank-line', severity: 'warning' },
    ]);
    expect(result.counts).toMatchObject({ samples: 2, errors: 0 });
  });

  it('a 50 MB line: reported with its size and skipped', async () => {
    const huge = `{"metadata":{"id":1},"data":"${'x'.repeat(50 * 1024 * 1024)}"}`;
    const result = await check([`${good}\n`, huge, `\n${withId(realLines[1]!, 66)}\n`]);
    expect(rules(result)).toEqual([{ line: 2, rule: 'jsonl.line-too-long', severity: 'error' }]);
    expect(result.problems[0]?.message).toMatch(/50\.0 MiB, longer than the limit of 16\.0 MiB/);
    expect(result.counts.samples).toBe(2);
  });

  it('a 50 MB line under a raised limit: parsed and checked like any sample', async () => {
    const sample = JSON.parse(good) as {
      data: { initial_diagnostic_question: { question: string } };
    };
    sample.data.initial_diagnostic_question.question = 'q'.repeat(50 * 1024 * 1024);
    const result = await check([`${JSON.stringify(sample)}\n`], 64 * 1024 * 1024);
    // Read whole and checked: the one error is the question's own length limit.
    expect(result.counts).toMatchObject({ samples: 1, errors: 1 });
    expect(rules(result)).toEqual([{ line: 1, rule: 'text-too-long', severity: 'error' }]);
  });

  it('invalid UTF-8: the line and byte are named', async () => {
    const bytes = new TextEncoder().encode(`${withId(good, 5)}\n`);
    bytes[40] = 0xff;
    const result = await check([`${good}\n`, bytes]);
    expect(rules(result)).toEqual([{ line: 2, rule: 'jsonl.invalid-utf8', severity: 'error' }]);
    expect(result.problems[0]?.message).toMatch(/byte 41 of the line/);
  });

  it('nesting 10,000 deep, anywhere in a sample: reported, not crashed on', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const inQuestion = good.replace(/"question":"[^"]*"/, `"question":${deep}`);
    const lines = [deep, deepObject, `{"metadata":${deepObject}}`, inQuestion];
    const result = await check([lines.join('\n')]);
    expect(result.counts.entries).toBe(4);
    expect(result.counts.invalid).toBe(4);
    for (const p of result.problems) {
      expect(p.message.length).toBeLessThan(2000);
      expect(p.severity).toBe('error');
    }
    // Inside a sample the schema names the field; describing the found value never recurses.
    const inQuestionProblem = result.problems.find((p) => p.lineNumber === 4);
    expect(inQuestionProblem).toMatchObject({
      rule: 'wrong-type',
      pathText: 'data.initial_diagnostic_question.question',
    });
    expect(inQuestionProblem?.message).toMatch(/found a list of 1 \(nested too deeply to show\)/);
  });

  it('a 10,000-deep list as an option: the problem names the option, not the depth', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const inOption = good.replace(/"options":\["Yes",/, `"options":[${deep},`);
    expect(inOption).not.toBe(good);
    const result = await check([`${inOption}\n`]);
    expect(result.problems.map((p) => p.rule)).not.toContain('too-deep');
    expect(result.problems[0]).toMatchObject({
      severity: 'error',
      pathText: 'data.initial_diagnostic_question.options[0]',
    });
    expect(result.problems[0]?.message).toMatch(/a list of 1 \(nested too deeply to show\)/);
  });

  it('__proto__ keys: reported as unknown keys, no prototype polluted', async () => {
    const sample = good.replace('{"metadata":{', '{"metadata":{"__proto__":{"polluted":true},');
    const top = good.replace(/^\{/, '{"__proto__":{"polluted":true},');
    const result = await check([`${sample}\n${withId(top, 31_337)}\n`]);
    expect(rules(result)).toEqual([
      { line: 1, rule: 'unknown-key', severity: 'error' },
      { line: 2, rule: 'unknown-key', severity: 'error' },
    ]);
    expect(result.problems[0]?.message).toMatch(/__proto__/);
    expect(result.problems[0]?.pathText).toBe('metadata');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
