import { curationRoutes } from './curation-routes';
import { ecgRoutes } from './ecg-routes';
import { evaluationRoutes } from './evaluation-routes';
import { labelWorkbenchRoutes } from './label-workbench-routes';
import { preflagRoutes } from './preflag-routes';
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
  // Before ecgRoutes: /api/labels/export must not be read as /api/labels/:id.
  ...labelWorkbenchRoutes,
  ...ecgRoutes,
  ...sampleRoutes,
  ...reviewRoutes,
  ...preflagRoutes,
  ...releaseRoutes,
  ...curationRoutes,
  ...recordsRoutes,
  ...transferRoutes,
  ...evaluationRoutes,
];
