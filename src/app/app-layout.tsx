/** The frame of every signed-in screen: navigation on top, the task in the middle, status below. */
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../features/session/api/session';
import { UserMenu } from '../features/session/components/user-menu';

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-2 py-1 ${isActive ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-200'}`;

export function AppLayout() {
  const role = useSession().data?.role;
  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center gap-4 border-b border-slate-300 bg-white px-4 py-2">
        <span className="font-semibold">ECG Reasoning Workbench</span>
        <nav className="flex gap-1" aria-label="Main">
          <NavLink to="/" end className={navClass}>
            Samples
          </NavLink>
          <NavLink to="/ecgs" className={navClass}>
            ECGs
          </NavLink>
          {role && role !== 'cardiologist' && (
            <NavLink to="/review" className={navClass}>
              Review
            </NavLink>
          )}
          <NavLink to="/releases" className={navClass}>
            Releases
          </NavLink>
          {(role === 'curator' || role === 'admin') && (
            <>
              <NavLink to="/curate" className={navClass}>
                Curate
              </NavLink>
              <NavLink to="/analytics" className={navClass}>
                Analytics
              </NavLink>
            </>
          )}
        </nav>
        <div className="ml-auto">
          <UserMenu />
        </div>
      </header>
      <main className="min-h-0 flex-1">
        <Outlet />
      </main>
    </div>
  );
}
