/** A boxed message: what happened and what to do next, with a tone word as well as a colour. */
export function Message({
  tone,
  title,
  children,
}: {
  tone: 'error' | 'info';
  title: string;
  children?: React.ReactNode;
}) {
  const box = tone === 'error' ? 'border-ok-problem bg-orange-50' : 'border-slate-300 bg-white';
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded border-l-4 p-3 ${box}`}>
      <p className="font-semibold">
        {tone === 'error' ? 'Error: ' : ''}
        {title}
      </p>
      {children && <div className="mt-1 text-slate-700">{children}</div>}
    </div>
  );
}
