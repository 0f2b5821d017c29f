/** The ECGs ("source/ecg_id") behind a label figure, listed under the charts. */
import { Button } from '../../../components/ui/button';

/** What a label figure picked: its words and its ECGs. */
export interface EcgPick {
  readonly title: string;
  readonly keys: readonly string[];
}

/** The picked ECGs, with a way to close the list. */
export function EcgList({ pick, onClose }: { pick: EcgPick; onClose: () => void }) {
  return (
    <section
      aria-label="ECGs behind the figure"
      data-testid="ecg-list"
      className="rounded border border-slate-200 bg-white p-3 text-[13px]"
    >
      <div className="flex items-center gap-2">
        <h3 className="font-semibold">
          {pick.title}: {pick.keys.length} ECG{pick.keys.length === 1 ? '' : 's'}
        </h3>
        <Button className="ml-auto" onClick={onClose}>
          Close
        </Button>
      </div>
      <p className="mt-1 max-h-32 overflow-auto font-mono text-[12px]">
        {pick.keys.join(', ') || 'none'}
      </p>
    </section>
  );
}
