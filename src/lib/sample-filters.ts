/**
 * The worklist's filters in a URL's query (`?target_dx=...&dx_label=true`): the worklist keeps
 * them there, and hands them to each sample it opens, so stepping and Back keep the same list.
 */
import { SampleFiltersSchema, type SampleFilters } from '../schemas/api/samples';

const KEYS = Object.keys(SampleFiltersSchema.shape) as (keyof SampleFilters)[];

/** The filters a query holds; a value the schema refuses (edited by hand) is left out. */
export function readSampleFilters(search: URLSearchParams): SampleFilters {
  const filters: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = search.get(key);
    if (value === null || value === '') continue;
    const parsed = SampleFiltersSchema.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as SampleFilters;
}

/** The query (without `?`) that carries `filters`, in a fixed order: '' when there are none. */
export function sampleFiltersQuery(filters: SampleFilters): string {
  const query = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value !== undefined) query.set(key, String(value));
  }
  return query.toString();
}

/** `path` with the filters' query appended (no `?` when there are none). */
export const withSampleFilters = (path: string, filters: SampleFilters): string => {
  const query = sampleFiltersQuery(filters);
  return query ? `${path}?${query}` : path;
};
