/**
 * Lead answers against per-lead measurements (when the finding is answered Yes and a lead question
 * asks which leads show it): lead-answer-not-shown for an answered lead the engine says does not
 * show it, lead-answer-missing for a group lead left out that shows it, lead-answer-outside-group
 * for an answered lead the finding is not about. LVH's "which lead shows the larger R" compares R.
 */
import type { Preflag } from '../../../schemas/preflags';
import type { Measurements } from '../../measure/types';
import type { StandardLead } from '../../leads';
import type { LeadFinding } from '../../benchmark/grounding';
import { asksLargerR, leadParts } from '../../benchmark/grounding';
import { FINDING_MARGINS } from './catalog';
import { leadEvidence } from './lead-verdict';
import type { PreflagRuleFn } from './preflag';
import { at, preflag } from './preflag';
import type { JudgedStep, StepLeadQuestion } from './steps';
import { FINDING_NAMES, judgedSteps } from './steps';

/** The options of a lead question with their leads; unreadable options left out. */
function optionLeads(
  q: StepLeadQuestion,
): { option: number; lead: StandardLead; answered: boolean }[] {
  return q.read.options.flatMap((o, option) =>
    o.kind === 'lead'
      ? [{ option, lead: o.lead, answered: q.read.answerIdx.includes(option) }]
      : [],
  );
}

function perLead(
  step: JudgedStep,
  f: LeadFinding,
  q: StepLeadQuestion,
  m: Measurements | null,
): Preflag[] {
  const out: Preflag[] = [];
  const answer = q.read.answerLeads.join(', ');
  const group = f.leads.join(', ');
  const name = FINDING_NAMES[f.finding];
  for (const { option, lead, answered } of optionLeads(q)) {
    const where = at.grounding(step.step, q.index, option);
    if (!f.leads.includes(lead)) {
      if (answered)
        out.push(
          preflag(
            'lead-answer-outside-group',
            `Lead ${lead} is answered, but the finding is about leads ${group} only.`,
            where,
            { answer, lead },
          ),
        );
      continue;
    }
    if (!m) continue;
    const ev = leadEvidence(f, lead, m, answered);
    const numbers = { answer, lead, leads: [ev], minLeads: f.minLeads };
    const reading = `${ev.value ?? 'not measured'}${ev.value === null ? '' : ` ${ev.unit}`}${ev.threshold === null ? '' : ` against ${ev.threshold} ${ev.unit}`}`;
    if (answered && ev.verdict === 'absent')
      out.push(
        preflag(
          'lead-answer-not-shown',
          `Lead ${lead} is answered as showing ${name}, but the engine's median beat there does not (${reading}), beyond the rule's margin.`,
          where,
          numbers,
        ),
      );
    if (!answered && ev.verdict === 'shows')
      out.push(
        preflag(
          'lead-answer-missing',
          `Lead ${lead} shows ${name} on the engine's median beat (${reading}, beyond the rule's margin), but the answer leaves it out.`,
          where,
          numbers,
        ),
      );
  }
  return out;
}

/** "Which lead shows the larger R amplitude?": the answer's R must not be clearly the smaller. */
function largerR(step: number, q: StepLeadQuestion, m: Measurements): Preflag[] {
  const leads = optionLeads(q).map((x) => ({ ...x, rMv: leadParts(m, x.lead)?.rMv ?? null }));
  const margin = FINDING_MARGINS.r_amplitude;
  return leads.flatMap((x) => {
    if (!x.answered || x.rMv === null) return [];
    const larger = leads.find((y) => !y.answered && y.rMv !== null && y.rMv > x.rMv! + margin);
    if (!larger) return [];
    return [
      preflag(
        'lead-answer-not-shown',
        `Lead ${x.lead} is answered as having the larger R amplitude, but the engine's median beat gives R ${x.rMv} mV in ${x.lead} and ${larger.rMv} mV in ${larger.lead}, more than ${margin} mV larger.`,
        at.grounding(step, q.index, x.option),
        {
          answer: q.read.answerLeads.join(', '),
          lead: x.lead,
          margin,
          extra: Object.fromEntries(leads.map((y) => [`R ${y.lead}`, y.rMv])),
        },
      ),
    ];
  });
}

/** Lead answers against the per-lead measurements of the finding they ground. */
export const leadRules: PreflagRuleFn = ({ sample, m }) => {
  const judged = judgedSteps(sample);
  return judged.flatMap((step) =>
    step.leadQuestions.flatMap((q) => {
      // LVH asks which of V5 and V6 has the larger R whatever the finding answer.
      if (asksLargerR(q.question)) return m ? largerR(step.step, q, m) : [];
      return step.yes && step.finding.kind === 'per-lead' ? perLead(step, step.finding, q, m) : [];
    }),
  );
};
