import { RunPreflagsRequestSchema } from '../../schemas/api/preflags';
import { readSamplePreflags } from '../services/preflags/preflag-store';
import {
  getPreflagRun,
  listPreflagRuns,
  preflagRunnerOf,
} from '../services/preflags/preflag-runner';
import { PASS_OVERSEERS, SIGNED_IN } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Automatic pre-flags: runs on demand (curators, admins) and each sample's results (every reader). */
export const preflagRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/preflags/run',
    access: PASS_OVERSEERS,
    summary: 'Run the pre-flags on all, filtered or listed samples',
    body: RunPreflagsRequestSchema,
    // The run works on its own connection in the background, past any request transaction; a
    // repeated request starts another run, whose results replace the first's.
    noIdempotency: true,
    async handler({ deps, body, actor }) {
      const run = await preflagRunnerOf(deps).start(actor(), 'request', body);
      return { status: 202, body: run, headers: { Location: `/api/preflags/runs/${run.id}` } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/preflags/runs',
    access: PASS_OVERSEERS,
    summary: 'The latest pre-flag runs',
    async handler({ db }) {
      return { body: { items: await listPreflagRuns(db) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/preflags/runs/:id',
    access: PASS_OVERSEERS,
    summary: 'A pre-flag run and its progress',
    async handler({ db, params }) {
      return { body: await getPreflagRun(db, params['id'] ?? '') };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/samples/:id/preflags',
    access: SIGNED_IN,
    summary: "A sample's pre-flags with the numbers behind them",
    async handler({ db, params }) {
      return { body: await readSamplePreflags(db, params['id'] ?? '') };
    },
  }),
];
