/** Every route of the app; the only place features meet. */
import { createBrowserRouter } from 'react-router';
import { AnalyticsPage } from '../features/analytics/components/analytics-page';
import { AnswerDrilldownRoute } from '../features/analytics/components/answer-drilldown';
import { SampleWorklist } from '../features/browse/components/sample-worklist';
import { SampleViewRoute } from '../features/samples/components/sample-view';
import { LoginScreen } from '../features/session/components/login-screen';
import { RequireSession } from '../features/session/components/require-session';
import { AppLayout } from './app-layout';
import { NotFound } from './not-found';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginScreen /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <SampleWorklist /> },
      { path: 'samples/:id', element: <SampleViewRoute /> },
      { path: 'analytics', element: <AnalyticsPage /> },
      { path: 'analytics/runs/:runId/samples/:samplePk', element: <AnswerDrilldownRoute /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
