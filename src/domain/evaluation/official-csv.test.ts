import { describe, expect, it } from 'vitest';
import { answerSample, rightLoop, rightWave } from '../../testing/answer-fixtures';
import { writeCsv } from '../csv/write-csv';
import { scoreSample } from './score-sample';
import { reasoningPool, type ReasoningCounts } from './metrics';
import { REASONING_COLUMNS, officialCsvFiles, reasoningRow, type NamedPool } from './official-csv';
import { float, formatFrame, int, pyFloatRepr, text } from './py-float';

describe('pyFloatRepr (Python repr, as pandas writes floats)', () => {
  it.each([
    [0, '0.0'],
    [1, '1.0'],
    [0.5, '0.5'],
    [1 / 3, '0.3333333333333333'],
    [2 / 3, '0.6666666666666666'],
    [0.1 + 0.2, '0.30000000000000004'],
    [12.5, '12.5'],
    [2401, '2401.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.000015, '1.5e-05'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [-2.5, '-2.5'],
  ])('%d -> %s', (value, expected) => {
    expect(pyFloatRepr(value)).toBe(expected);
  });
});

describe('formatFrame and writeCsv (pandas to_csv)', () => {
  it('writes a column holding any float as floats, integer columns as integers', () => {
    expect(
      formatFrame([
        [text('a'), int(3), int(0)],
        [text('b'), int(4), float(2.5)],
      ]),
    ).toEqual([
      ['a', '3', '0.0'],
      ['b', '4', '2.5'],
    ]);
  });

  it('quotes fields with commas, quotes or line breaks (RFC 4180)', () => {
    expect(
      writeCsv([
        ['model', 'x'],
        ['gpt, "4o"', 'a\nb'],
        ['plain', ''],
      ]),
    ).toBe('model,x\n"gpt, ""4o""","a\nb"\nplain,\n');
  });
});

describe('official CSV files', () => {
  const poolOf = (samples: ReturnType<typeof answerSample>[]) => {
    const pool = reasoningPool();
    for (const s of samples) pool.addScore(s.metadata.target_dx, scoreSample(s));
    return pool;
  };

  it('writes total.csv and one file per diagnosis, a row per model that has it', () => {
    const a = poolOf([
      answerSample({
        targetDx: 'x_dx',
        dxLabel: true,
        idqReply: 'Yes',
        loops: [rightLoop('Yes', [rightWave()])],
      }),
      answerSample({ targetDx: 'y_dx', dxLabel: false, idqReply: 'Yes', loops: [rightLoop('No')] }),
    ]);
    const b = poolOf([
      answerSample({ targetDx: 'y_dx', dxLabel: false, idqReply: 'No', loops: [rightLoop('No')] }),
    ]);
    const models: NamedPool<ReasoningCounts>[] = [
      { model: 'model-a', pool: a },
      { model: 'model-b', pool: b },
    ];
    const files = officialCsvFiles(models, REASONING_COLUMNS, reasoningRow);
    expect([...files.keys()]).toEqual(['total.csv', 'x_dx.csv', 'y_dx.csv']);
    const lines = (name: string) => files.get(name)!.trimEnd().split('\n');
    expect(lines('total.csv')[0]).toBe(REASONING_COLUMNS.join(','));
    expect(lines('total.csv').map((l) => l.split(',')[0])).toEqual(['model', 'model-a', 'model-b']);
    expect(lines('x_dx.csv').map((l) => l.split(',')[0])).toEqual(['model', 'model-a']);
    const rowA = Object.fromEntries(
      REASONING_COLUMNS.map((c, i) => [c, lines('total.csv')[1]!.split(',')[i]]),
    );
    expect(rowA).toMatchObject({
      idq_total: '2',
      idq_correct: '1',
      idq_accuracy: '0.5',
      completion_hard: '1.0',
      per_loop_total: '2',
      per_loop_depth_total: '1',
      per_loop_depth_sum: '4.0',
      depth: '4.0',
      wave_grounding_total_w_gt: '1',
      lead_grounding_accuracy_w_gt: '0.0',
    });
    // Model b has no loop with grounding: its own sum is the integer 0, but the column holds
    // model a's float, so pandas writes it as 0.0; in y_dx.csv no row has one, so it stays 0.
    const rowB = lines('total.csv')[2]!.split(',');
    expect(rowB[REASONING_COLUMNS.indexOf('per_loop_depth_sum')]).toBe('0.0');
    const yRows = lines('y_dx.csv')
      .slice(1)
      .map((l) => l.split(','));
    expect(yRows.map((r) => r[REASONING_COLUMNS.indexOf('per_loop_depth_sum')])).toEqual([
      '0',
      '0',
    ]);
  });
});
