/** Whether a sample fits its template: its key, chain shape, lead groups, bins and distractors. */
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import { readGrounding } from '../grounding';
import { binSetMisfit } from './bins';
import { findTemplate, keyOfSample, templateKeyText } from './extract';
import { sampleShape } from './shape';
import type { Template, TemplateSet, TemplateVariant } from './types';

/** A sample set against its template: the variant it fits, or why it fits none. */
export interface TemplateFit {
  readonly template: Template | null;
  readonly variant: TemplateVariant | null;
  /** Empty when the sample fits; otherwise each way it departs, with its place in the sample. */
  readonly problems: readonly string[];
}

/** Checks a sample against the templates of a set. */
export function fitSample(sample: BenchmarkSample, set: TemplateSet): TemplateFit {
  const key = keyOfSample(sample);
  const template = findTemplate(set, key) ?? null;
  if (!template) {
    return { template, variant: null, problems: [`no template for ${templateKeyText(key)}`] };
  }
  const shape = sampleShape(sample);
  const variant = template.variants.find((v) => v.signature === shape.signature) ?? null;
  if (!variant) {
    return {
      template,
      variant,
      problems: [
        `its chain shape is none of the ${template.variants.length} of ${templateKeyText(key)}`,
      ],
    };
  }
  const problems: string[] = [];
  sample.data.reasoning.forEach((step, s) => {
    const at = `data.reasoning[${s}]`;
    const criterion = variant.steps[s]!.criterion;
    const pool = new Set(criterion.pool);
    for (const o of step.criterion_selection.options) {
      if (o !== criterion.answer && !pool.has(o))
        problems.push(`${at}.criterion_selection: distractor "${o}" is not in the pool`);
    }
    step.ecg_grounding.forEach((g, i) => {
      const slot = variant.steps[s]!.grounding[i];
      const where = `${at}.ecg_grounding[${i}]`;
      if (!slot) {
        problems.push(`${where}: the template has no such question`);
        return;
      }
      const read = readGrounding(g);
      if (slot.type === 'lead_grounding' && read.type === 'lead_grounding') {
        const leads = read.options.flatMap((o) => (o.kind === 'lead' ? [o.lead] : []));
        const missing = slot.group.filter((l) => !leads.includes(l));
        if (missing.length > 0)
          problems.push(`${where}: options lack group leads ${missing.join(', ')}`);
        const outside = read.answerLeads.filter((l) => !slot.group.includes(l));
        if (outside.length > 0)
          problems.push(`${where}: answer leads ${outside.join(', ')} are outside the group`);
        if (slot.selectOne && read.answerLeads.length !== 1)
          problems.push(
            `${where}: answers ${read.answerLeads.length} leads, the question asks for one`,
          );
      } else if (slot.type === 'wave_grounding' && read.type === 'wave_grounding') {
        if (slot.optionCounts[String(g.options.length)] === undefined)
          problems.push(
            `${where}: ${g.options.length} options, the template has ${Object.keys(slot.optionCounts).join(' or ')}`,
          );
      } else if (slot.type === 'measurement_grounding' && read.type === 'measurement_grounding') {
        const misfit = binSetMisfit(slot.bins, read.options, g.options);
        if (misfit) problems.push(`${where}: ${misfit}`);
      } else {
        problems.push(`${where}: a ${g.question_type}, the template has a ${slot.type}`);
      }
    });
  });
  return { template, variant, problems };
}
