/** The `?` panel: every key of the current screen, grouped (docs: ui.md, Keyboard). */
import { Kbd } from './kbd';
import { Modal } from './modal';

/** One shortcut: the keys that do it (any of them) and what it does. */
export interface Shortcut {
  readonly keys: readonly string[];
  readonly what: string;
}

/** A named group of shortcuts (one per part of the screen). */
export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

/** A modal list of shortcuts; Escape or `?` closes it. */
export function ShortcutsDialog({
  open,
  onClose,
  groups,
}: {
  open: boolean;
  onClose: () => void;
  groups: readonly ShortcutGroup[];
}) {
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
        {groups.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3 className="text-[12px] font-semibold tracking-wide text-slate-500 uppercase">
              {g.title}
            </h3>
            <table className="mt-1 w-full">
              <tbody>
                {g.shortcuts.map((s) => (
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
