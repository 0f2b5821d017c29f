/** Renders its children only for a signed-in user; otherwise sends them to /login. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/session';

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <p className="p-6 text-slate-500">Checking your session…</p>;
  if (session.isError)
    return (
      <p role="alert" className="p-6 text-ok-problem-ink">
        The server could not be reached: {session.error.message}. Reload when it is back.
      </p>
    );
  if (!session.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}
