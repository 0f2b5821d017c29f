/** The application: query client, router. */
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
// From react-router/dom: it hands ReactDOM.flushSync to the router, for navigations that must
// paint in the same task (the review screen's next sample).
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from '../lib/query-client';
import { router } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
