/**
 * What a candidate's findings rest on, as plot overlays: the leads each finding read
 * (right-answer style where the lead agrees with the path, distractor style where it does not,
 * selected style where a rule reads it with others) and the windows it measured.
 */
import type { LeadHighlight, TimeBand } from '../../../plot/overlays/types';
import type { CandidateFinding } from '../../../schemas/api/curation';

/** Overlays for a candidate, and whether its findings read the rhythm (beats shown). */
export interface BasisOverlays {
  readonly highlights: LeadHighlight[];
  readonly bands: TimeBand[];
  readonly beats: boolean;
}

/** A step as the plot labels it: S1, S2... */
const stepTag = (step: number) => `S${step + 1}`;

/**
 * The overlays of a candidate's findings (only `onlyStep`'s when given). A lead read by several
 * findings is drawn once, tagged with each step; any disagreement draws it as a distractor.
 */
export function basisOverlays(
  findings: readonly CandidateFinding[],
  onlyStep: number | null = null,
): BasisOverlays {
  const shown = onlyStep === null ? findings : findings.filter((f) => f.step === onlyStep);
  const leads = new Map<string, { tags: string[]; agrees: (boolean | null)[] }>();
  const bands: TimeBand[] = [];
  let beats = false;
  for (const f of shown) {
    for (const l of f.basis.leads) {
      const entry = leads.get(l.lead) ?? { tags: [], agrees: [] };
      entry.tags.push(stepTag(f.step));
      entry.agrees.push(l.agrees);
      leads.set(l.lead, entry);
    }
    f.basis.windows.forEach((w, i) =>
      bands.push({
        id: `basis-${f.step}-${i}`,
        startS: w.startS,
        endS: w.endS,
        role: 'selected',
        label: `${stepTag(f.step)} ${w.label}`,
      }),
    );
    beats ||= f.basis.beats;
  }
  const highlights = [...leads].map(([lead, { tags, agrees }]) => ({
    lead,
    role: agrees.includes(false)
      ? ('distractor' as const)
      : agrees.includes(true)
        ? ('right' as const)
        : ('selected' as const),
    label: [...new Set(tags)].join(' '),
  }));
  return { highlights, bands, beats };
}
