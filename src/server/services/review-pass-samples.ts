/** Which samples a new review pass covers: the ones a filter selects, or a list of refs. */
import type { ApiIssue } from '../../schemas/api/common';
import type { ReviewPassFilter } from '../../schemas/api/review';
import type { Db } from '../storage/database';
import { isPublicId } from '../storage/ids';
import { ServiceError } from './service-error';
import { groupInto } from '../../domain/group-into';

const CHUNK = 500;

/** Sample ids the filter selects, in list order (data source, then sample id). */
export function selectFilteredSamples(db: Db, filter: ReviewPassFilter) {
  let select = db.selectFrom('samples').select('samples.id');
  if (filter.dataSource) select = select.where('data_source', '=', filter.dataSource);
  if (filter.targetDx) select = select.where('target_dx', '=', filter.targetDx);
  if (filter.dxLabel !== undefined) select = select.where('dx_label', '=', filter.dxLabel ? 1 : 0);
  if (filter.pathIdx !== undefined) select = select.where('path_idx', '=', filter.pathIdx);
  if (filter.status) select = select.where('status', '=', filter.status);
  if (filter.preflag === 'flagged' || filter.preflag === 'clean') {
    const flagged = filter.preflag === 'flagged';
    select = select.where((eb) => {
      const any = eb.exists(
        eb
          .selectFrom('sample_preflags')
          .select('sample_preflags.sample_pk')
          .whereRef('sample_preflags.sample_pk', '=', 'samples.id'),
      );
      return flagged ? any : eb.not(any);
    });
  }
  return select.orderBy('data_source').orderBy('sample_id');
}

/** "ptbxl:12" -> [source, 12]; undefined for a public id. */
function parseRef(ref: string): [string, number] | undefined {
  if (isPublicId(ref)) return undefined;
  const colon = ref.lastIndexOf(':');
  return [ref.slice(0, colon), Number(ref.slice(colon + 1))];
}

/**
 * The public ids of the samples named ("source:id" or public id), in the order given, each
 * once; 400 naming every ref that names no sample.
 */
export async function resolveSampleRefs(db: Db, refs: readonly string[]): Promise<string[]> {
  const byPublicId = new Set<string>();
  const bySource = new Map<string, number[]>();
  for (const ref of refs) {
    const parsed = parseRef(ref);
    if (!parsed) byPublicId.add(ref);
    else groupInto(bySource, parsed[0], parsed[1]);
  }
  const found = new Map<string, string>();
  const publicIds = [...byPublicId];
  for (let start = 0; start < publicIds.length; start += CHUNK) {
    const rows = await db
      .selectFrom('samples')
      .select('id')
      .where('id', 'in', publicIds.slice(start, start + CHUNK))
      .execute();
    for (const row of rows) found.set(row.id, row.id);
  }
  for (const [source, ids] of bySource) {
    for (let start = 0; start < ids.length; start += CHUNK) {
      const rows = await db
        .selectFrom('samples')
        .select(['id', 'sample_id'])
        .where('data_source', '=', source)
        .where('sample_id', 'in', ids.slice(start, start + CHUNK))
        .execute();
      for (const row of rows) found.set(`${source}:${row.sample_id}`, row.id);
    }
  }
  const issues: ApiIssue[] = [];
  const result: string[] = [];
  const seen = new Set<string>();
  refs.forEach((ref, index) => {
    const parsed = parseRef(ref);
    const id = found.get(parsed ? `${parsed[0]}:${parsed[1]}` : ref);
    if (id === undefined)
      issues.push({ path: `body.samples[${index}]`, message: 'names no sample' });
    else if (!seen.has(id)) {
      seen.add(id);
      result.push(id);
    }
  });
  if (issues.length > 0) {
    throw new ServiceError('invalid', `${issues.length} of the listed samples do not exist.`, {
      issues: issues.slice(0, 100),
    });
  }
  return result;
}
