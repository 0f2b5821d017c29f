/** The plot's keys, as the `?` panel lists them (the plot's key handler is in ecg-plot.tsx). */
import type { ShortcutGroup } from '../components/ui/shortcuts-dialog';

export const PLOT_SHORTCUTS: ShortcutGroup = {
  title: 'Plot',
  shortcuts: [
    { keys: ['C'], what: 'Caliper in ms (and the rate in bpm); again for pan' },
    { keys: ['M'], what: 'Caliper in mV; again for pan' },
    { keys: ['P'], what: 'Pan' },
    { keys: ['+', '-'], what: 'Zoom in / out' },
    { keys: ['0'], what: 'Fit the paper to the plot' },
    { keys: ['1'], what: 'True size (plot focused)' },
    { keys: ['←', '→', '↑', '↓'], what: 'Pan (plot focused; Shift: five times as far)' },
    { keys: ['Delete', '⌫'], what: 'Remove the selected caliper, else the last (plot focused)' },
    { keys: ['Esc'], what: 'Stop a drag, deselect the caliper, then back to pan (plot focused)' },
  ],
};
