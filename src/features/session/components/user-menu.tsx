/** Who is signed in, with which role, and a sign-out button. */
import { useNavigate } from 'react-router';
import { useLogout, useSession } from '../api/session';

export function UserMenu() {
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!session.data) return null;
  return (
    <div className="flex items-center gap-3">
      <span data-testid="current-user">
        {session.data.username}{' '}
        <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs uppercase tracking-wide text-slate-700">
          {session.data.role}
        </span>
      </span>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
        onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
      >
        Sign out
      </button>
    </div>
  );
}
