/** Every route of the app; the only place features meet. */
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { SampleWorklist } from '../features/browse/components/sample-worklist';
import { ReleasesPage } from '../features/curate/releases/components/releases-page';
import { LoginScreen } from '../features/session/components/login-screen';
import { RequireSession } from '../features/session/components/require-session';
import { AppLayout } from './app-layout';
import { NotFound } from './not-found';
import { PLOT_TEST_API_ENABLED } from '../plot/test-api-registry';
// The sample view and the chain editor carry the plot (Konva, the measurement engine): their own
// chunks (sample-routes.tsx), loaded when a sample is opened, so the login page and the worklists
// load without them.
import { ChainEditorRoute, SampleRoute } from './sample-routes';

/** Test-only pages, in builds that carry the plot test API (never in a production build). */
const testRoutes: RouteObject[] = PLOT_TEST_API_ENABLED
  ? [
      {
        path: '/dev/plot-harness',
        lazy: async () => ({
          Component: (await import('../plot/harness/plot-harness-page')).PlotHarnessPage,
        }),
      },
    ]
  : [];

// Analytics carries the charting library, and its drill-down the plot: their own chunks too.
const AnalyticsPage = lazy(async () => ({
  default: (await import('../features/analytics/components/analytics-page')).AnalyticsPage,
}));
const AnswerDrilldownRoute = lazy(async () => ({
  default: (await import('../features/analytics/components/answer-drilldown')).AnswerDrilldownRoute,
}));

function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="p-6 text-slate-600" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

export const router = createBrowserRouter([
  ...testRoutes,
  { path: '/login', element: <LoginScreen /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <SampleWorklist /> },
      {
        path: 'samples/:id',
        element: (
          <Loading>
            <SampleRoute />
          </Loading>
        ),
      },
      {
        path: 'samples/:id/edit',
        element: (
          <Loading>
            <ChainEditorRoute />
          </Loading>
        ),
      },
      { path: 'releases', element: <ReleasesPage /> },
      {
        path: 'analytics',
        element: (
          <Loading>
            <AnalyticsPage />
          </Loading>
        ),
      },
      {
        path: 'analytics/runs/:runId/samples/:samplePk',
        element: (
          <Loading>
            <AnswerDrilldownRoute />
          </Loading>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
