/** The sample view's keys, as the `?` panel lists them (handled in sample-view.tsx). */
import type { ShortcutGroup } from '../../components/ui/shortcuts-dialog';

export const SAMPLE_VIEW_SHORTCUTS: ShortcutGroup = {
  title: 'Sample',
  shortcuts: [
    { keys: ['J', 'K'], what: 'Next / previous reasoning step' },
    { keys: [']', '['], what: 'Next / previous sample (also Shift+J / Shift+K)' },
    { keys: ['1–9'], what: 'Draw a grounding question of the open step on the plot' },
    { keys: ['B'], what: 'Show or hide the detected beats' },
    { keys: ['Esc'], what: 'Clear the drawn grounding question' },
    { keys: ['?'], what: 'This list' },
  ],
};
