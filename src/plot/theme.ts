/** Plot colours and strokes: pink paper, near-black trace, Okabe-Ito overlays (docs/ui.md). */

/** Paper and trace colours. */
export const PAPER = {
  background: '#fff5f6',
  outside: '#e2e8f0',
  minor: '#f7c6cf',
  major: '#ee8fa0',
  trace: '#111111',
  label: '#1f2937',
  separator: '#111111',
} as const;

/** Overlay colours (Okabe-Ito). */
export const OVERLAY = {
  selected: '#0072B2',
  right: '#009E73',
  distractor: '#E69F00',
  problem: '#D55E00',
  neutral: '#56B4E9',
  caliper: '#CC79A7',
  cursor: '#0072B2',
  beat: '#0072B2',
} as const;

/** Trace stroke width in CSS px. */
export const TRACE_WIDTH_CSS_PX = 1.25;
/** Lead label font size in CSS px (at zoom 1). */
export const LABEL_FONT_CSS_PX = 13;
