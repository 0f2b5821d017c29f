/**
 * What the drill-down draws for one grounding step: the right answer and the model's reply
 * side by side on the plot (windows as bands, leads as highlights), or why the reply cannot be drawn.
 */
import { readStandardLeads } from '../../domain/evaluation/match-leads';
import { parseTimeWindow } from '../../domain/benchmark/options';
import type { LeadHighlight, TimeBand } from '../../plot/overlays/types';
import type { AnsweredGrounding } from '../../schemas/model-answers';

/** Overlays of one step and a note when the model's reply is not drawable. */
export interface DrilldownOverlays {
  readonly bands: TimeBand[];
  readonly highlights: LeadHighlight[];
  readonly note: string | null;
}

/** A reply read as a window: "[1.1s - 1.2s]", with or without its brackets. */
export function replyWindow(reply: string): { startS: number; endS: number } | null {
  const text = reply.trim();
  const window = parseTimeWindow(text) ?? parseTimeWindow(`[${text}]`);
  return window && { startS: window.startS, endS: window.endS };
}

const answers = (g: AnsweredGrounding) => (typeof g.answer === 'string' ? [g.answer] : g.answer);

/** The right answer (green) beside the model's reply (blue) for a wave or lead grounding step. */
export function drilldownOverlays(g: AnsweredGrounding, reply: string | null): DrilldownOverlays {
  const out: DrilldownOverlays = { bands: [], highlights: [], note: null };
  if (g.question_type === 'wave_grounding') {
    const right = replyWindow(answers(g)[0] ?? '');
    if (right) out.bands.push({ id: 'answer', ...right, role: 'right', label: 'answer' });
    const mine = reply === null ? null : replyWindow(reply);
    if (mine) out.bands.push({ id: 'model', ...mine, role: 'selected', label: 'model' });
    else
      return {
        ...out,
        note: reply === null ? 'No reply.' : `The reply "${reply}" is not a time window.`,
      };
    return out;
  }
  if (g.question_type === 'lead_grounding') {
    // Answers and replies are read alike, as the official matcher reads them.
    for (const lead of answers(g).flatMap(readStandardLeads))
      out.highlights.push({ lead, role: 'right', label: 'answer' });
    const leads = reply === null ? [] : readStandardLeads(reply);
    for (const lead of leads) out.highlights.push({ lead, role: 'selected', label: 'model' });
    if (leads.length === 0)
      return {
        ...out,
        note: reply === null ? 'No reply.' : `The reply "${reply}" names no standard lead.`,
      };
    return out;
  }
  return { ...out, note: 'A measurement range: compare the texts on the right.' };
}
