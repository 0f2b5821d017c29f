/** Overlay descriptions other screens hand to the plot: lead highlights and time bands. */

/** How a lead highlight reads: the user's selection, a right answer or a distractor. */
export type HighlightRole = 'selected' | 'right' | 'distractor';

/** One lead highlighted in every cell that shows it. */
export interface LeadHighlight {
  readonly lead: string;
  readonly role: HighlightRole;
  /** Short tag drawn by the lead (e.g. the option letter). */
  readonly label?: string;
}

/** How a time band reads. */
export type BandRole = 'right' | 'distractor' | 'selected' | 'neutral';

/** A time window in seconds from the record's start, banded in every cell showing that time. */
export interface TimeBand {
  readonly id: string;
  readonly startS: number;
  readonly endS: number;
  readonly role: BandRole;
  readonly label?: string;
  /** Limit the band to these leads (all leads when omitted). */
  readonly leads?: readonly string[];
}
