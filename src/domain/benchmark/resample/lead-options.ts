/** Lead grounding from a record: which of the group's leads show the finding, and the options. */
import type { StandardLead } from '../../leads';
import { STANDARD_LEADS } from '../../leads';
import type { LeadSlot } from '../templates';
import type { Draw } from './draw';
import type { FindingContext, FindingRule } from './finding-rules';
import { leadChoiceMargin } from './finding-rules';

/** The leads a lead question answers, and what the engine made of each group lead. */
export interface LeadAnswer {
  readonly leads: readonly StandardLead[];
  /** Per group lead: its margin (> 0 shows the finding), null when not measurable. */
  readonly margins: Readonly<Partial<Record<StandardLead, number | null>>>;
  /** Why the answer is not simply the leads the engine says show it; null when it is. */
  readonly note: string | null;
}

/**
 * The answer of a lead question: the group leads whose margin is positive ("select the lead": the
 * one with the largest). Its step's finding is Yes, so an answer holds at least one lead: when the
 * engine sees the finding in none, the lead it comes closest in is taken, with a note; without a
 * rule for the finding every group lead is, with a note.
 */
export function leadAnswer(
  slot: LeadSlot,
  rule: FindingRule | null,
  ctx: FindingContext,
): LeadAnswer {
  const choice = leadChoiceMargin(slot.question);
  const margin = choice ?? rule?.perLead?.margin ?? null;
  if (!margin) {
    return {
      leads: slot.group,
      margins: {},
      note: `the engine has no detector for this finding: every lead of ${slot.group.join(', ')} taken`,
    };
  }
  const margins: Partial<Record<StandardLead, number | null>> = {};
  for (const lead of slot.group) margins[lead] = margin(ctx, lead);
  const ranked = slot.group
    .flatMap((lead) =>
      margins[lead] === null || margins[lead] === undefined ? [] : [{ lead, m: margins[lead] }],
    )
    .sort((a, b) => b.m - a.m);
  if (ranked.length === 0) {
    return {
      leads: slot.group,
      margins,
      note: `no lead of ${slot.group.join(', ')} could be measured: all taken`,
    };
  }
  if (slot.selectOne || choice) return { leads: [ranked[0]!.lead], margins, note: null };
  const showing = slot.group.filter((lead) => (margins[lead] ?? 0) > 0);
  if (showing.length > 0) return { leads: showing, margins, note: null };
  return {
    leads: [ranked[0]!.lead],
    margins,
    note: `the engine sees the finding in none of ${slot.group.join(', ')}: ${ranked[0]!.lead}, the closest, taken`,
  };
}

/** Options of a lead question: the group padded with other leads drawn, in standard order. */
export function leadOptions(draw: Draw, slot: LeadSlot, answer: readonly StandardLead[]) {
  const others = STANDARD_LEADS.filter((l) => !slot.group.includes(l));
  const padding = draw.pick(others, Math.max(0, slot.optionCount - slot.group.length));
  const chosen = new Set<StandardLead>([...slot.group, ...padding]);
  const leads = STANDARD_LEADS.filter((l) => chosen.has(l));
  const answerIdx = leads.flatMap((l, i) => (answer.includes(l) ? [i] : []));
  return { options: leads.map((l) => `Lead ${l}`), answerIdx };
}
