/** A keyboard key shown beside the button it triggers. */
export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd className="ml-1 rounded border border-slate-300 bg-slate-100 px-1 font-mono text-[11px] leading-4 text-slate-600">
      {children}
    </kbd>
  );
}
