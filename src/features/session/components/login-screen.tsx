/** The sign-in form: username and password, the server's reason when it refuses. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useLogin } from '../api/session';

export function LoginScreen() {
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password }, { onSuccess: () => navigate(from, { replace: true }) });
  };

  return (
    <div className="flex min-h-screen items-center justify-center bg-ecg-paper">
      <form
        onSubmit={submit}
        className="w-80 space-y-4 rounded border border-slate-300 bg-white p-6 shadow-sm"
        aria-label="Sign in"
      >
        <h1 className="text-base font-semibold">ECG Reasoning Workbench</h1>
        <label className="block">
          <span className="mb-1 block text-slate-600">Username</span>
          <input
            className="w-full rounded border border-slate-300 px-2 py-1"
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="block">
          <span className="mb-1 block text-slate-600">Password</span>
          <input
            className="w-full rounded border border-slate-300 px-2 py-1"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {login.error && (
          <p role="alert" className="text-ok-problem-ink">
            Sign-in refused: {login.error.message}
          </p>
        )}
        <button
          type="submit"
          disabled={login.isPending || !username || !password}
          className="w-full rounded bg-ok-selected px-3 py-1.5 font-medium text-white disabled:opacity-50"
        >
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
