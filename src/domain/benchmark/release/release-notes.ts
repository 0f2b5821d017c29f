/** Release notes in the benchmark's own shape, generated from what changed since the last release. */
import type { DataSource, TargetDx } from '../../../schemas/benchmark-sample';
import { DATA_SOURCES, TARGET_DX } from '../../../schemas/benchmark-sample';
import type {
  DiagnosisChange,
  SampleChange,
  SampleKey,
  SampleSetDiff,
} from '../../../schemas/sample-diff';
import { formatIdRanges } from '../diff/id-ranges';

/** Revision kinds that record one curator acting on one sample, never a regeneration. */
export const INDIVIDUAL_REVISION_KINDS: readonly string[] = ['fix', 'resample'];

/** What the notes are made from. */
export interface ReleaseNotesInput {
  readonly name: string;
  /** The release compared with; null for the first release (the notes then only count). */
  readonly previousName: string | null;
  /** previous -> this release; edited changes carry their paths (listed under fixes). */
  readonly diff: SampleSetDiff;
  /**
   * The revision kinds each changed sample went through between the releases ('import', 'fix',
   * 'resample', 'regenerate', ...); absent when unknown (two files compared).
   */
  readonly kinds?: ReadonlyMap<SampleKey, readonly string[]>;
}

/** A diagnosis of one source regenerated wholesale. */
export interface RegeneratedDiagnosis extends DiagnosisChange {
  /** Ids of the group's samples both releases hold (all of them changed). */
  readonly ids: readonly number[];
}

/** The changes sorted into the sections of the notes. */
export interface ReleaseChangeSections {
  readonly regenerated: readonly RegeneratedDiagnosis[];
  /** Re-sampled samples outside the diagnoses regenerated wholesale. */
  readonly resampled: readonly SampleChange[];
  /** Edited samples (same ECG) outside the diagnoses regenerated wholesale. */
  readonly fixed: readonly SampleChange[];
  readonly added: readonly SampleChange[];
  readonly removed: readonly SampleChange[];
}

const groupKey = (dataSource: DataSource, targetDx: TargetDx) => `${dataSource}|${targetDx}`;

// A sample moved only by individual fixes and re-samples shows no regeneration; one with a
// 'regenerate' or 'import' revision, or with none known, may be part of one.
function individuallyChanged(
  change: SampleChange,
  kinds: ReadonlyMap<SampleKey, readonly string[]> | undefined,
): boolean {
  const seen = kinds?.get(change.key);
  return (
    seen !== undefined &&
    seen.length > 0 &&
    seen.every((k) => INDIVIDUAL_REVISION_KINDS.includes(k))
  );
}

/**
 * Sorts a diff into the notes' sections. A diagnosis of one source is regenerated wholesale
 * when it changed wholesale (every sample both releases hold was re-sampled or edited) and no
 * changed sample of it went only through individual fixes or re-samples (revision kinds, when
 * known). Its samples are then listed only there; the other re-sampled and edited samples are
 * listed one by one.
 */
export function sortReleaseChanges(input: ReleaseNotesInput): ReleaseChangeSections {
  const changedIn = new Map<string, SampleChange[]>();
  for (const change of input.diff.changes) {
    if (change.change !== 'resampled' && change.change !== 'edited') continue;
    const key = groupKey(change.dataSource, change.targetDx);
    changedIn.set(key, [...(changedIn.get(key) ?? []), change]);
  }
  const regenerated: RegeneratedDiagnosis[] = [];
  const wholesale = new Set<string>();
  for (const group of input.diff.byDiagnosis) {
    if (!group.wholesale) continue;
    const key = groupKey(group.dataSource, group.targetDx);
    const changes = changedIn.get(key) ?? [];
    if (changes.some((change) => individuallyChanged(change, input.kinds))) continue;
    wholesale.add(key);
    regenerated.push({ ...group, ids: changes.map((c) => c.id) });
  }
  const outside = (change: SampleChange) =>
    !wholesale.has(groupKey(change.dataSource, change.targetDx));
  const of = (kind: SampleChange['change']) =>
    input.diff.changes.filter((c) => c.change === kind && outside(c));
  return {
    regenerated,
    resampled: of('resampled'),
    fixed: of('edited'),
    added: input.diff.changes.filter((c) => c.change === 'added'),
    removed: input.diff.changes.filter((c) => c.change === 'removed'),
  };
}

const number = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string, words = `${word}s`) =>
  `${number(n)} ${n === 1 ? word : words}`;

/** Changes grouped by diagnosis (the format's order), then one line per source. */
function byDiagnosis(
  changes: readonly SampleChange[],
  line: (source: DataSource, changes: readonly SampleChange[]) => string[],
): string[] {
  const out: string[] = [];
  for (const dx of TARGET_DX) {
    const ofDx = changes.filter((c) => c.targetDx === dx);
    if (ofDx.length === 0) continue;
    out.push(`### ${dx}`, '');
    for (const source of DATA_SOURCES) {
      const ofSource = ofDx.filter((c) => c.dataSource === source);
      if (ofSource.length > 0) out.push(...line(source, ofSource));
    }
    out.push('');
  }
  return out;
}

const idLine = (source: DataSource, changes: readonly SampleChange[]) => [
  `- ${source}: ${formatIdRanges(changes.map((c) => c.id))}`,
];

const MAX_PATHS_SHOWN = 4;

const fixLines = (source: DataSource, changes: readonly SampleChange[]) =>
  changes.map((c) => {
    const shown = c.paths.slice(0, MAX_PATHS_SHOWN).join(', ');
    const more =
      c.paths.length > MAX_PATHS_SHOWN ? ` and ${c.paths.length - MAX_PATHS_SHOWN} more` : '';
    return `- ${source} ${c.id}${shown === '' ? '' : `: ${shown}${more}`}`;
  });

function sourceTotals(diff: SampleSetDiff): string {
  const totals = DATA_SOURCES.map((source) => {
    const n = diff.byDiagnosis
      .filter((g) => g.dataSource === source)
      .reduce((sum, g) => sum + g.samplesAfter, 0);
    return n > 0 ? `${source} ${number(n)}` : null;
  }).filter((part) => part !== null);
  return totals.length > 0 ? ` (${totals.join(', ')})` : '';
}

/**
 * The release notes as Markdown, in the benchmark's own shape: diagnoses regenerated wholesale;
 * re-sampled ids by diagnosis and source; fixes in place with the fields they changed; added and
 * removed ids when there are any (see sortReleaseChanges for which section takes a sample).
 */
export function buildReleaseNotes(input: ReleaseNotesInput): string {
  const { diff } = input;
  const lines = [`# Release ${input.name}`, ''];
  if (input.previousName === null) {
    lines.push(
      `First release of this workspace: ${plural(diff.counts.after, 'sample')}${sourceTotals(diff)}.`,
    );
    return `${lines.join('\n')}\n`;
  }
  const sections = sortReleaseChanges(input);
  const regeneratedSamples = sections.regenerated.reduce((sum, g) => sum + g.ids.length, 0);
  const regeneratedWords =
    sections.regenerated.length === 0
      ? 'no diagnosis regenerated wholesale'
      : `${plural(sections.regenerated.length, 'diagnosis', 'diagnoses')} regenerated wholesale (${plural(regeneratedSamples, 'sample')})`;
  lines.push(
    `Changes since release ${input.previousName}: ${plural(diff.counts.after, 'sample')}${sourceTotals(diff)}; ` +
      `${number(sections.resampled.length)} re-sampled, ${number(sections.fixed.length)} fixed in place, ` +
      `${number(sections.added.length)} added, ${number(sections.removed.length)} removed; ${regeneratedWords}.`,
    '',
    '## Diagnoses regenerated wholesale',
    '',
  );
  if (sections.regenerated.length === 0) lines.push('None.', '');
  for (const g of sections.regenerated) {
    const moved = g.resampled > 0 ? `, ${number(g.resampled)} of them on other ECGs` : '';
    lines.push(
      `- ${g.targetDx} (${g.dataSource}): ${plural(g.ids.length, 'sample')} regenerated${moved} (ids ${formatIdRanges(g.ids)})`,
    );
  }
  if (sections.regenerated.length > 0) lines.push('');
  lines.push('## Re-sampled samples', '');
  if (sections.resampled.length === 0) lines.push('None.', '');
  else {
    lines.push(
      'Moved to other ECGs of the pool, each keeping its id, diagnosis, label and path, so the distribution is unchanged.',
      '',
      ...byDiagnosis(sections.resampled, idLine),
    );
  }
  lines.push('## Fixes in place', '');
  if (sections.fixed.length === 0) lines.push('None.', '');
  else {
    lines.push(
      'Corrected on the same ECG; the fields changed are listed.',
      '',
      ...byDiagnosis(sections.fixed, fixLines),
    );
  }
  if (sections.added.length > 0) {
    lines.push('## Added', '', ...byDiagnosis(sections.added, idLine));
  }
  if (sections.removed.length > 0) {
    lines.push('## Removed', '', ...byDiagnosis(sections.removed, idLine));
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
