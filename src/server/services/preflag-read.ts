/**
 * A sample's stored automatic pre-flags, read for the review screen. The pre-flag engine writes
 * the rows (table sample_preflags); this only reads them, in the sample's order.
 */
import type { PreflagAt, SamplePreflag, SamplePreflagList } from '../../schemas/api/preflag-read';
import { PreflagAtSchema, PreflagNumbersSchema } from '../../schemas/api/preflag-read';
import type { Db } from '../storage/database';
import { notFound } from './service-error';

/** The parts of a step in reading order (a pre-flag on an earlier part is listed first). */
const PART_ORDER = [
  'initial_diagnostic_question',
  'criterion_selection',
  'finding_identification',
  'ecg_grounding',
  'diagnostic_decision',
];

const WHOLE_SAMPLE: PreflagAt = { step: null, part: null, question: null, option: null };

/** Location columns, where the pre-flag engine's schema has them. */
interface LocatedRow {
  readonly step_idx?: number | null;
  readonly part?: string | null;
  readonly question_idx?: number | null;
  readonly option_idx?: number | null;
}

/**
 * Where a row points: its location columns where the table has them, else the `at` its numbers
 * carry (the only place on a table without those columns), else the sample as a whole.
 */
function locationOf(row: LocatedRow, numbers: Record<string, unknown>): PreflagAt {
  if (row.step_idx !== undefined) {
    return {
      step: row.step_idx ?? null,
      part: row.part ?? null,
      question: row.question_idx ?? null,
      option: row.option_idx ?? null,
    };
  }
  const stored = PreflagAtSchema.safeParse(numbers['at']);
  return stored.success ? stored.data : WHOLE_SAMPLE;
}

/** Stored numbers as an object (unreadable text reads as none: the message still says why). */
function parseNumbers(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const rank = (value: number | null) => value ?? -1;
const partRank = (part: string | null) => {
  const at = PART_ORDER.indexOf(part ?? '');
  return at < 0 ? PART_ORDER.length : at;
};

/** A sample's pre-flags in the sample's order (step, part, question, option); 404 if no sample. */
export async function readSamplePreflags(db: Db, sampleId: string): Promise<SamplePreflagList> {
  const sample = await db
    .selectFrom('samples')
    .select('id')
    .where('id', '=', sampleId)
    .executeTakeFirst();
  if (!sample) throw notFound('Sample');
  const rows = await db
    .selectFrom('sample_preflags')
    .selectAll()
    .where('sample_pk', '=', sampleId)
    .execute();
  const items: SamplePreflag[] = rows.map((row) => {
    const raw = parseNumbers(row.numbers);
    const { at: _at, ...rest } = raw;
    const numbers = PreflagNumbersSchema.safeParse(rest);
    return {
      rule: row.rule,
      severity: row.severity,
      message: row.message,
      at: locationOf(row as LocatedRow, raw),
      numbers: numbers.success ? numbers.data : {},
      engineVersion: row.engine_version,
      createdAt: row.created_at,
    };
  });
  items.sort(
    (a, b) =>
      rank(a.at.step) - rank(b.at.step) ||
      partRank(a.at.part) - partRank(b.at.part) ||
      rank(a.at.question) - rank(b.at.question) ||
      rank(a.at.option) - rank(b.at.option),
  );
  return { sampleId, items };
}
