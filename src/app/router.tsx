/** Every route of the app; the only place features meet. */
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { SampleWorklist } from '../features/browse/components/sample-worklist';
import { EcgWorklist } from '../features/label/components/ecg-worklist';
import { ReleasesPage } from '../features/curate/releases/components/releases-page';
import { PassPage } from '../features/review/components/pass-page';
import { PassesPage } from '../features/review/components/passes-page';
import type { ReviewViewer } from '../features/review/review-viewer';
import { useSession } from '../features/session/api/session';
import { LoginScreen } from '../features/session/components/login-screen';
import { RequireSession } from '../features/session/components/require-session';
import { AppLayout } from './app-layout';
import { NotFound } from './not-found';
import { PLOT_TEST_API_ENABLED } from '../plot/test-api-registry';
import { canWriteSamples } from '../schemas/api/samples';
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

// The ECG page carries the plot too; the worklist is light and loads with the app.
const EcgPageRoute = lazy(async () => ({
  default: (await import('../features/label/components/ecg-page')).EcgPageRoute,
}));

/** The ECG page, with edit links to the chain editor for those who write samples. */
function EcgRoute() {
  return <EcgPageRoute canEditChains={canWriteSamples(useSession().data?.role)} />;
}

// Analytics carries the charting library, and its drill-down the plot: their own chunks too.
const AnalyticsPage = lazy(async () => ({
  default: (await import('../features/analytics/components/analytics-page')).AnalyticsPage,
}));
const AnswerDrilldownRoute = lazy(async () => ({
  default: (await import('../features/analytics/components/answer-drilldown')).AnswerDrilldownRoute,
}));

// The curator's screens: the board draws charts, the re-sample view two plots.
const CurateBoardPage = lazy(async () => ({
  default: (await import('../features/curate/board/board-page')).CurateBoardPage,
}));
const ResampleRoute = lazy(async () => ({
  default: (await import('../features/curate/resample/resample-page')).ResampleRoute,
}));
const RegeneratePage = lazy(async () => ({
  default: (await import('../features/curate/regenerate/regenerate-page')).RegeneratePage,
}));

// The review screen carries the plot: its own chunk, like the sample view.
const ReviewScreenRoute = lazy(async () => ({
  default: (await import('../features/review/components/review-screen')).ReviewScreenRoute,
}));

/** Hands the signed-in user to a review page (inside RequireSession: there is one). */
function WithViewer({ render }: { render: (viewer: ReviewViewer) => ReactNode }) {
  const user = useSession().data;
  return user ? render({ id: user.id, role: user.role }) : null;
}

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
      { path: 'ecgs', element: <EcgWorklist /> },
      {
        path: 'ecgs/:source/:ecgId',
        element: (
          <Loading>
            <EcgRoute />
          </Loading>
        ),
      },
      { path: 'releases', element: <ReleasesPage /> },
      {
        path: 'curate',
        element: (
          <Loading>
            <CurateBoardPage />
          </Loading>
        ),
      },
      {
        path: 'curate/resample/:sampleId',
        element: (
          <Loading>
            <ResampleRoute />
          </Loading>
        ),
      },
      {
        path: 'curate/regenerate',
        element: (
          <Loading>
            <RegeneratePage />
          </Loading>
        ),
      },
      {
        path: 'review',
        element: <WithViewer render={(viewer) => <PassesPage viewer={viewer} />} />,
      },
      {
        path: 'review/:passId',
        element: <WithViewer render={(viewer) => <PassPage viewer={viewer} />} />,
      },
      {
        path: 'review/:passId/samples/:sampleId',
        element: (
          <Loading>
            <WithViewer render={(viewer) => <ReviewScreenRoute viewer={viewer} />} />
          </Loading>
        ),
      },
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
