/**
 * The curator's flag board: open flags with their samples, grouped by diagnosis, source and
 * reason; the samples per cell (which no curation action changes); and the generated samples
 * waiting for a reviewer.
 */
import type { BoardFlag, FlagBoard, FlaggedSample } from '../../schemas/api/curation';
import { BOARD_FLAG_LIMIT, BOARD_REVIEW_LIMIT } from '../../schemas/api/curation';
import { FlagReasonSchema } from '../../schemas/api/review';
import type { DataSource } from '../../schemas/benchmark-sample';
import type { Db } from '../storage/database';
import type { Actor } from './actor';
import { flagVisibleTo } from './review-visibility';
import { listFlags } from './reviews';
import { SAMPLE_STATUS } from './sample-rows';
import { sampleCells } from './sample-cells';

type SampleRow = {
  id: string;
  data_source: string;
  sample_id: number;
  target_dx: string;
  dx_label: number;
  path_idx: number;
  ecg_id: string;
  status: string;
  version: number;
};

function toFlaggedSample(row: SampleRow): FlaggedSample {
  return {
    id: row.id,
    key: `${row.data_source}:${row.sample_id}`,
    dataSource: row.data_source as DataSource,
    sampleId: row.sample_id,
    targetDx: row.target_dx,
    dxLabel: row.dx_label === 1,
    pathIdx: row.path_idx,
    ecgId: row.ecg_id,
    status: row.status,
    version: row.version,
  };
}

const SAMPLE_COLUMNS = [
  'samples.id',
  'samples.data_source',
  'samples.sample_id',
  'samples.target_dx',
  'samples.dx_label',
  'samples.path_idx',
  'samples.ecg_id',
  'samples.status',
  'samples.version',
] as const;

/** Open flags the reader may read, grouped by the flagged sample's diagnosis and source and the flag's first reason. */
async function flagGroups(db: Db, reader: Actor) {
  let select = db
    .selectFrom('flags')
    .innerJoin('samples', 'samples.id', 'flags.sample_pk')
    .select(['samples.target_dx', 'samples.data_source', 'flags.reason'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('flags.status', '=', 'open');
  const visible = flagVisibleTo(reader);
  if (visible) select = select.where(visible);
  const rows = await select
    .groupBy(['samples.target_dx', 'samples.data_source', 'flags.reason'])
    .orderBy('samples.target_dx')
    .orderBy('samples.data_source')
    .orderBy('flags.reason')
    .execute();
  return rows.map((r) => ({
    targetDx: r.target_dx,
    dataSource: r.data_source as DataSource,
    // Rows from before reason lists hold free reasons; the board groups them under "other".
    reason: FlagReasonSchema.catch('other').parse(r.reason),
    count: Number(r.n),
  }));
}

/** Everything the flag board shows, read for one curator or admin. */
export async function flagBoard(db: Db, reader: Actor): Promise<FlagBoard> {
  const groups = await flagGroups(db, reader);
  const openFlags = groups.reduce((sum, g) => sum + g.count, 0);
  const flags = await listFlags(db, reader, { status: 'open', limit: BOARD_FLAG_LIMIT });
  const samplePks = [...new Set(flags.map((f) => f.sampleId))];
  const samples = new Map<string, FlaggedSample>();
  // Chunks keep the parameter list within both engines' limits.
  for (let i = 0; i < samplePks.length; i += 500) {
    const rows = await db
      .selectFrom('samples')
      .select(SAMPLE_COLUMNS)
      .where('samples.id', 'in', samplePks.slice(i, i + 500))
      .execute();
    for (const row of rows) samples.set(row.id, toFlaggedSample(row));
  }
  const boardFlags: BoardFlag[] = flags.flatMap((f) => {
    const sample = samples.get(f.sampleId);
    return sample ? [{ ...f, sample }] : [];
  });

  const reviewCount = await db
    .selectFrom('samples')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', SAMPLE_STATUS.review)
    .executeTakeFirstOrThrow();
  const waiting = await db
    .selectFrom('samples')
    .select(SAMPLE_COLUMNS)
    .where('samples.status', '=', SAMPLE_STATUS.review)
    .orderBy('samples.updated_at', 'desc')
    .orderBy('samples.id')
    .limit(BOARD_REVIEW_LIMIT)
    .execute();

  return {
    openFlags,
    flags: boardFlags,
    groups,
    cells: await sampleCells(db),
    awaitingReview: {
      count: Number(reviewCount.n),
      samples: waiting.map((row) => {
        const s = toFlaggedSample(row);
        return { id: s.id, key: s.key, targetDx: s.targetDx, ecgId: s.ecgId };
      }),
    },
  };
}
