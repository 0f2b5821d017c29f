import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_RULES } from '../domain/benchmark/validate-file';
import { SAMPLE_RULE_CATALOG } from '../domain/benchmark/validate-sample';
import { LABEL_RULES } from '../domain/taxonomy/validate-label';
import { PREFLAG_RULES } from '../domain/review/preflags/catalog';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const cliMain = readFileSync(resolve(import.meta.dirname, '../cli/main.ts'), 'utf8');

describe('README', () => {
  it('lists every validation rule the code reports', () => {
    const ids = [
      ...Object.keys(SAMPLE_RULE_CATALOG),
      ...Object.keys(LABEL_RULES),
      ...Object.keys(FILE_RULES),
    ];
    expect(ids.length).toBeGreaterThan(60);
    expect(ids.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });

  it('lists every pre-flag rule with its severity', () => {
    expect(Object.keys(PREFLAG_RULES)).toHaveLength(12);
    for (const [id, [severity]] of Object.entries(PREFLAG_RULES))
      expect(readme, id).toMatch(new RegExp(`\\| \`${id}\`\\s+\\| ${severity}\\s+\\|`));
  });

  it('documents every registered CLI command', () => {
    const commands = [...cliMain.matchAll(/^\s+(\w+): async \(\) =>/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(commands.filter((name) => !readme.includes(`| \`${name} `))).toEqual([]);
  });
});
