/**
 * The `?` panel: every key of the current screen, grouped by the part that handles it (docs:
 * ui.md, Keyboard). It lists the keymaps mounted now, the same records the key handlers run.
 */
import { shortcutRows } from '../keymap/keymap';
import { useRegisteredKeymaps } from '../keymap/keymap-registry';
import { Kbd } from './kbd';
import { Modal } from './modal';

/** A modal list of the screen's keys; Escape or `?` closes it. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const keymaps = useRegisteredKeymaps();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      onKeyDown={(e) => {
        if (e.key === '?') onClose();
      }}
      className="max-h-[85vh] overflow-auto"
      aside={
        <button
          type="button"
          onClick={onClose}
          className="rounded border border-slate-300 px-2 py-0.5 text-[13px] hover:bg-slate-100"
        >
          Close <Kbd>Esc</Kbd>
        </button>
      }
    >
      <div className="mt-2 grid gap-x-8 gap-y-3 md:grid-cols-2">
        {keymaps.map((g) => (
          <section key={g.id} aria-label={g.title}>
            <h3 className="text-[12px] font-semibold tracking-wide text-slate-500 uppercase">
              {g.title}
            </h3>
            <table className="mt-1 w-full">
              <tbody>
                {shortcutRows(g).map((s) => (
                  <tr key={s.what} className="align-top">
                    <td className="py-0.5 pr-3 whitespace-nowrap">
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="px-0.5 text-slate-400">/</span>}
                          <Kbd>{k}</Kbd>
                        </span>
                      ))}
                    </td>
                    <td className="py-0.5">{s.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Modal>
  );
}
