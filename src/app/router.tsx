/** Every route of the app; the only place features meet. */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { SampleWorklist } from '../features/browse/components/sample-worklist';
import { SampleViewRoute } from '../features/samples/components/sample-view';
import { LoginScreen } from '../features/session/components/login-screen';
import { RequireSession } from '../features/session/components/require-session';
import { AppLayout } from './app-layout';
import { NotFound } from './not-found';
import { PLOT_TEST_API_ENABLED } from '../plot/test-api-registry';

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
      { path: 'samples/:id', element: <SampleViewRoute /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
