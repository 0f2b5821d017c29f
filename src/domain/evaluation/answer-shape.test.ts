import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelAnswerSampleSchema } from '../../schemas/model-answers';
import { answerSample, rightLoop, rightWave } from '../../testing/answer-fixtures';
import { isAnswerSampleShape } from './answer-shape';

const base = answerSample({
  dxLabel: true,
  idqReply: 'Yes',
  loops: [
    rightLoop('Further findings are required to confirm the diagnosis', [rightWave()]),
    rightLoop('Yes', [{ type: 'lead_grounding', answer: ['Lead II'], reply: 'II' }]),
  ],
});

/** Every (path, value) inside a JSON value, the root included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

/**
 * The root with the value at `path` replaced (or deleted), as a JSON document: answer files are
 * parsed JSON, so an array a mutation leaves sparse ("x" then [4] set) reads with nulls, as
 * JSON.parse would give it, never with holes that Array.prototype.every skips.
 */
function withValue(root: unknown, path: (string | number)[], value: unknown): unknown {
  return JSON.parse(JSON.stringify(mutate(root, path, value))) as unknown;
}

function mutate(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === '__delete__') {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const replacements = [
  '__delete__',
  null,
  0,
  -1,
  1.5,
  true,
  'text',
  'forced-commit',
  'lead_grounding',
  'ptbxl',
  'BAD-DX',
  [],
  ['x'],
  [1],
  {},
];

describe('isAnswerSampleShape agrees with ModelAnswerSampleSchema', () => {
  it('accepts a well-formed answer file', () => {
    expect(isAnswerSampleShape(base)).toBe(true);
    expect(ModelAnswerSampleSchema.safeParse(base).success).toBe(true);
  });

  it('gives zod verdict for every single replacement of every value', () => {
    const all = paths(base);
    for (const path of all) {
      for (const value of replacements) {
        const mutated = withValue(base, path, value);
        expect(isAnswerSampleShape(mutated), `${path.join('.')} = ${JSON.stringify(value)}`).toBe(
          ModelAnswerSampleSchema.safeParse(mutated).success,
        );
      }
    }
  });

  it('gives zod verdict on random double mutations', () => {
    const all = paths(base);
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.constantFrom(...replacements),
        fc.constantFrom(...all),
        fc.constantFrom(...replacements),
        (p1, v1, p2, v2) => {
          let mutated: unknown = withValue(base, p1, v1);
          try {
            mutated = withValue(mutated, p2, v2);
          } catch {
            // The first change removed the second path's parent: one change is enough.
          }
          expect(isAnswerSampleShape(mutated)).toBe(
            ModelAnswerSampleSchema.safeParse(mutated).success,
          );
        },
      ),
      {
        numRuns: 2000,
        // Once a flaky failure: the second change left a sparse options array.
        examples: [
          [
            ['data', 'reasoning', 1, 'criterion_selection', 'options'],
            ['x'],
            ['data', 'reasoning', 1, 'criterion_selection', 'options', 4],
            'BAD-DX',
          ],
        ],
      },
    );
  });
});
