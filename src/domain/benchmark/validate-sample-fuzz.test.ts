import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, valueAt } from '../../schemas/issues';
import { serializeSample } from './serialize';
import { SAMPLE_RULE_CATALOG, validateSample } from './validate-sample';

const benchmarkPath = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');
const lines = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .slice(0, 400);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Edit =
  { kind: 'replace'; value: Json } | { kind: 'delete' } | { kind: 'add'; key: string; value: Json };

/** Applies one edit at a position chosen by `steps` (each picks a child modulo its count). */
function mutate(root: Json, steps: readonly number[], edit: Edit): void {
  let parent: Json = root;
  let key: string | number | null = null;
  for (const step of steps) {
    const node: Json = key === null ? parent : (parent as Record<string, Json>)[key]!;
    if (node === null || typeof node !== 'object') break;
    const keys: (string | number)[] = Array.isArray(node)
      ? node.map((_, i) => i)
      : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[step % keys.length]!;
  }
  const target = key === null ? root : (parent as Record<string | number, Json>)[key]!;
  if (
    edit.kind === 'add' &&
    target !== null &&
    typeof target === 'object' &&
    !Array.isArray(target)
  ) {
    target[edit.key] = edit.value;
  } else if (key !== null && edit.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, Json>)[key];
  } else if (key !== null && edit.kind === 'replace') {
    (parent as Record<string | number, Json>)[key] = edit.value;
  }
}

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({
    kind: fc.constant('add' as const),
    key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'answer', 'id')),
    value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>,
  }),
);

describe('validateSample on randomly damaged real samples', () => {
  it('never throws, reports only catalogued rules at paths that exist, and round-trips what it accepts', () => {
    const rules = new Set<string>();
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: lines.length - 1 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        editArb,
        (index, steps, edit) => {
          const value = JSON.parse(lines[index]!) as Json;
          mutate(value, steps, edit);
          const result = validateSample(value);
          for (const p of result.problems) {
            expect(SAMPLE_RULE_CATALOG[p.rule], p.rule).toBeDefined();
            expect(p.pathText).toBe(formatPath(p.path));
            expect(p.message.length).toBeGreaterThan(10);
            const parent = valueAt(value, p.path.slice(0, -1));
            expect(p.path.length === 0 || parent !== undefined, p.pathText).toBe(true);
          }
          for (const p of result.problems) rules.add(p.rule);
          const errors = result.problems.filter((p) => p.severity === 'error');
          if (errors.length === 0) {
            accepted++;
            expect(result.sample).not.toBeNull();
            const text = serializeSample(result.sample!, 'list');
            const again = validateSample(JSON.parse(text));
            expect(again.problems.filter((p) => p.severity === 'error')).toEqual([]);
            expect(serializeSample(again.sample!, 'list')).toBe(text);
          }
        },
      ),
      { numRuns: 600, seed: 20261121 },
    );
    // The damage must reach deep enough to matter: many rules fire, some edits stay valid.
    expect(rules.size).toBeGreaterThan(8);
    expect(accepted).toBeGreaterThan(10);
  });
});
