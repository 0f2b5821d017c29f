/** `templates`: the templates of a benchmark file or of the workspace, with their counts. */
import type { GroundingSlot, Tally, Template, TemplateSet } from '../../domain/benchmark/templates';
import { extractTemplates, templateKeyText } from '../../domain/benchmark/templates';
import { workspaceTemplates } from '../../server/services/resampling';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { maxLineBytesOption, parseArgs, plural, usageError } from './benchmark-input';
import { readSampleFile } from './sample-file';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench templates [<file.jsonl|dir>] [--json] [--max-line-mb <MiB>]',
  '  Without a file, the templates of the workspace (DATA_DIR / DATABASE_URL).',
].join('\n');

const tally = (t: Tally) =>
  Object.entries(t)
    .map(([k, n]) => `${k} (${n})`)
    .join(', ');

function slotLine(slot: GroundingSlot): string {
  switch (slot.type) {
    case 'lead_grounding':
      return `lead: group ${slot.group.join(', ')}; ${slot.optionCount} options; ${slot.selectOne ? 'one lead' : `answers of ${tally(slot.answerSizes)} leads`}`;
    case 'wave_grounding':
      return `wave: ${slot.waveKind ?? 'no wave named'}${slot.form === 'beats' ? ', "Nth QRS wave" pairs' : ''}${slot.leadsNamed.length ? ` in ${slot.leadsNamed.join(', ')}` : ''}${slot.namesSelectedLead ? ' in the selected leads' : ''}; options ${tally(slot.optionCounts)}`;
    default: {
      const bins =
        slot.bins.kind === 'fixed'
          ? slot.bins.options.join(' | ')
          : `${slot.bins.count} bins of ${slot.bins.width} ${slot.bins.unit} starting at ${slot.bins.offsets.join(' or ')}`;
      const lead = slot.lead
        ? ` in ${slot.lead}`
        : slot.leadSource === 'lead answer'
          ? ' in the selected lead'
          : '';
      return `measurement: ${slot.quantity ?? 'unknown quantity'}${lead}; ${bins}`;
    }
  }
}

/** One template as text: its key, counts, and each variant's steps. */
export function formatTemplate(t: Template): string[] {
  const sources = Object.entries(t.bySource)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const lines = [
    `${templateKeyText(t.key)}: ${plural(t.count, 'sample')} (${sources}), ${plural(t.variants.length, 'variant')}`,
  ];
  for (const v of t.variants) {
    if (t.variants.length > 1) lines.push(`  variant ${v.index + 1}: ${plural(v.count, 'sample')}`);
    v.steps.forEach((step, s) => {
      lines.push(
        `  step ${s + 1}: "${step.criterion.answer}" (pool of ${step.criterion.pool.length}) -> finding ${step.finding.answer} -> ${step.decision.answer}`,
      );
      for (const slot of step.grounding) lines.push(`    ${slotLine(slot)}`);
    });
  }
  return lines;
}

function formatSet(set: TemplateSet, from: string): string {
  const variants = set.templates.reduce((n, t) => n + t.variants.length, 0);
  return [
    `${plural(set.templates.length, 'template')} (${plural(variants, 'variant')}) from ${plural(set.samples, 'sample')} of ${from}`,
    '',
    ...set.templates.flatMap(formatTemplate),
  ].join('\n');
}

/** `templates`: extracts and prints templates from a file or the workspace. */
export const templatesCommand: CliCommand = {
  name: 'templates',
  summary:
    'List the templates (per diagnosis, label and path) of a benchmark file or the workspace',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: ['max-line-mb'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length > 1)
      return usageError(io, usage, 'templates takes at most one file or directory');
    const maxLineBytes = maxLineBytesOption(parsed);
    if (typeof maxLineBytes === 'string') return usageError(io, usage, maxLineBytes);
    const file = parsed.positional[0];
    let set: TemplateSet;
    let invalid = 0;
    if (file !== undefined) {
      const read = await readSampleFile(file, maxLineBytes, io, 'templates');
      if (typeof read === 'number') return read;
      set = extractTemplates(read.samples);
      invalid = read.invalid;
    } else {
      const opened = await openConfiguredStorage(io);
      if (typeof opened === 'number') return opened;
      try {
        set = await workspaceTemplates(opened.storage.db);
      } finally {
        await opened.storage.close();
      }
    }
    io.out(
      parsed.flags.has('json') ? JSON.stringify(set) : formatSet(set, file ?? 'the workspace'),
    );
    return invalid > 0 ? EXIT.invalid : EXIT.ok;
  },
};

export default templatesCommand;
