/** Release notes read-only: their Markdown headings, lists and paragraphs as page structure. */
import type { ReactNode } from 'react';

// Only the subset the generated notes use is given structure; any other line stays plain text.
function blocks(notes: string): ReactNode[] {
  const out: ReactNode[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length === 0) return;
    out.push(
      <ul key={`ul-${out.length}`} className="mb-2 list-disc pl-6">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>,
    );
    items = [];
  };
  for (const line of notes.split('\n')) {
    if (line.startsWith('- ')) {
      items.push(line.slice(2));
      continue;
    }
    flush();
    const key = `b-${out.length}`;
    if (line.startsWith('### ')) {
      out.push(
        <h5 key={key} className="mt-2 font-mono text-[13px] font-semibold">
          {line.slice(4)}
        </h5>,
      );
    } else if (line.startsWith('## ')) {
      out.push(
        <h4 key={key} className="mt-3 mb-1 font-semibold">
          {line.slice(3)}
        </h4>,
      );
    } else if (line.startsWith('# ')) {
      out.push(
        <h4 key={key} className="mb-1 text-base font-semibold">
          {line.slice(2)}
        </h4>,
      );
    } else if (line.trim() !== '') {
      out.push(
        <p key={key} className="mb-2">
          {line}
        </p>,
      );
    }
  }
  flush();
  return out;
}

export function NotesView({ notes }: { notes: string }) {
  return (
    <div
      data-testid="release-notes"
      className="rounded border border-slate-300 bg-white p-4 text-[13px] leading-relaxed"
    >
      {blocks(notes)}
    </div>
  );
}
