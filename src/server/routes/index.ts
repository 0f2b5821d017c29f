import { ecgRoutes } from './ecg-routes';
import { evaluationRoutes } from './evaluation-routes';
import { preflagReadRoutes } from './preflag-read-routes';
import { recordsRoutes } from './records-routes';
import { releaseRoutes } from './release-routes';
import { reviewRoutes } from './review-routes';
import type { Route } from './route-table';
import { sampleRoutes } from './sample-routes';
import { sessionRoutes } from './session-routes';
import { transferRoutes } from './transfer-routes';
import { userRoutes } from './user-routes';

/** The route table: every API route. Add a feature's routes with one line here. */
export const apiRoutes: readonly Route[] = [
  ...sessionRoutes,
  ...userRoutes,
  ...ecgRoutes,
  ...sampleRoutes,
  ...preflagReadRoutes,
  ...reviewRoutes,
  ...releaseRoutes,
  ...recordsRoutes,
  ...transferRoutes,
  ...evaluationRoutes,
];
