/** Overlay styles: colour plus a second cue (check mark, solid or dashed outline), never colour alone. */
import { OVERLAY } from '../theme';
import type { BandRole, HighlightRole } from './types';

/** Stroke, fill, dash and mark for one overlay role. */
export interface OverlayStyle {
  readonly stroke: string;
  readonly fill: string;
  readonly strokeWidth: number;
  readonly dash: number[] | undefined;
  readonly mark: string;
  readonly name: string;
}

const withAlpha = (hex: string, alpha: number): string =>
  `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;

/** The style of a lead highlight role. */
export function highlightStyle(role: HighlightRole): OverlayStyle {
  switch (role) {
    case 'right':
      return {
        stroke: OVERLAY.right,
        fill: withAlpha(OVERLAY.right, 0.08),
        strokeWidth: 3,
        dash: undefined,
        mark: '✓',
        name: 'right answer',
      };
    case 'distractor':
      return {
        stroke: OVERLAY.distractor,
        fill: withAlpha(OVERLAY.distractor, 0.06),
        strokeWidth: 2,
        dash: [7, 5],
        mark: '✗',
        name: 'distractor',
      };
    case 'selected':
      return {
        stroke: OVERLAY.selected,
        fill: withAlpha(OVERLAY.selected, 0.07),
        strokeWidth: 2,
        dash: [2, 3],
        mark: '●',
        name: 'selected',
      };
  }
}

/** The style of a time band role. */
export function bandStyle(role: BandRole): OverlayStyle {
  switch (role) {
    case 'right':
      return {
        stroke: OVERLAY.right,
        fill: withAlpha(OVERLAY.right, 0.2),
        strokeWidth: 2,
        dash: undefined,
        mark: '✓',
        name: 'right window',
      };
    case 'distractor':
      return {
        stroke: OVERLAY.distractor,
        fill: withAlpha(OVERLAY.distractor, 0.14),
        strokeWidth: 2,
        dash: [6, 4],
        mark: '✗',
        name: 'distractor window',
      };
    case 'selected':
      return {
        stroke: OVERLAY.selected,
        fill: withAlpha(OVERLAY.selected, 0.16),
        strokeWidth: 2,
        dash: [2, 3],
        mark: '●',
        name: 'selected window',
      };
    case 'neutral':
      return {
        stroke: OVERLAY.neutral,
        fill: withAlpha(OVERLAY.neutral, 0.14),
        strokeWidth: 1,
        dash: undefined,
        mark: '',
        name: 'window',
      };
  }
}
