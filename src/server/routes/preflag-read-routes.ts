import { SamplePreflagListSchema } from '../../schemas/api/preflag-read';
import { readSamplePreflags } from '../services/preflag-read';
import { SIGNED_IN } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** A sample's automatic pre-flags, read-only (every signed-in role reads samples). */
export const preflagReadRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/samples/:id/preflags',
    access: SIGNED_IN,
    summary: "Read a sample's automatic pre-flags with the numbers behind them",
    response: SamplePreflagListSchema,
    async handler({ db, params }) {
      return { body: await readSamplePreflags(db, params['id'] ?? '') };
    },
  }),
];
