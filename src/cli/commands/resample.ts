/**
 * `resample`: candidate ECGs for a workspace sample, ranked; with --ecg or --best, the sample
 * re-generated on that ECG from its template and stored as a 'resample' revision.
 */
import type { RankedCandidate } from '../../domain/benchmark/resample';
import { recordRoots } from '../../server/services/records';
import {
  findSampleByRef,
  resampleCandidates,
  resampleFromTemplate,
} from '../../server/services/resampling';
import { ServiceError } from '../../server/services/service-error';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, plural, usageError } from './benchmark-input';
import { curatorNamed, parseSampleRef, parseSeed } from './curator-args';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench resample --sample <source:id> [--json]',
  'ecg-workbench resample --sample <source:id> (--ecg <ecg_id> | --best) --as <curator> [--seed <n>] [--json]',
  '  Without --ecg or --best: lists the candidate ECGs, best first, and why the others do not fit.',
  "  With them: generates the sample on that ECG from its template, stores it as a 'resample'",
  '  revision (template, ECG, seed and engine version recorded), closes its open flags and sends',
  '  it back to review. Reads records under RECORDS_DIR.',
].join('\n');

const fixed = (n: number | null) => (n === null ? '-' : n.toFixed(1));

function candidateLine(c: RankedCandidate, rank: number): string {
  const findings = c.findings
    .map(
      (f) =>
        `step ${f.step + 1} ${f.answer}${f.rule ? ` (${f.rule}) ${fixed(f.margin)}` : ' (not judged)'}`,
    )
    .join('; ');
  return `  ${String(rank).padStart(3)}. ECG ${c.ecgId}: margin ${fixed(c.margin)} bin steps; label from ${c.labelFrom}; ${findings}`;
}

/** `resample`: lists candidates, or re-samples onto one. */
export const resampleCommand: CliCommand = {
  name: 'resample',
  summary: 'List candidate ECGs for a sample, or re-sample it onto one from its template',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      flags: ['json', 'best'],
      values: ['sample', 'ecg', 'seed', 'as'],
    });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length > 0)
      return usageError(io, usage, 'resample takes no positional arguments');
    const refText = parsed.values.get('sample');
    if (!refText) return usageError(io, usage, 'resample needs --sample <source:id>');
    const ref = parseSampleRef(refText);
    if (typeof ref === 'string') return usageError(io, usage, ref);
    const seed = parseSeed(parsed.values.get('seed'));
    if (typeof seed === 'string') return usageError(io, usage, seed);
    const ecgId = parsed.values.get('ecg');
    const writes = ecgId !== undefined || parsed.flags.has('best');
    if (ecgId !== undefined && parsed.flags.has('best'))
      return usageError(io, usage, 'give --ecg or --best, not both');
    if (ecgId !== undefined && !/^\d{1,12}$/.test(ecgId))
      return usageError(io, usage, `--ecg must be an ECG id of digits, not "${ecgId}"`);
    const as = parsed.values.get('as');
    if (writes && !as)
      return usageError(
        io,
        usage,
        'resample writes a revision: name the curator with --as <username>',
      );
    if (!writes && (seed !== undefined || as))
      return usageError(io, usage, '--seed and --as go with --ecg or --best');
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { storage, config } = opened;
    const json = parsed.flags.has('json');
    try {
      const sample = await findSampleByRef(storage.db, ref.source, ref.id);
      const roots = recordRoots(config);
      if (!writes) {
        const report = await resampleCandidates(storage.db, roots, sample.id);
        if (json) {
          io.out(
            JSON.stringify({
              sample: refText,
              template: { ...report.template.key, variant: report.variant.index },
              ranked: report.ranked,
              rejected: report.rejected,
            }),
          );
        } else {
          io.out(
            `Sample ${refText} (${report.template.key.targetDx} ${report.template.key.dxLabel} path ${report.template.key.pathIdx}) on ECG ${sample.sample.metadata.ecg_id}: ${plural(report.ranked.length, 'candidate ECG')}, best first`,
          );
          report.ranked.forEach((c, i) => io.out(candidateLine(c, i + 1)));
          const reasons = new Map<string, number>();
          for (const r of report.rejected)
            for (const why of r.reasons) reasons.set(why, (reasons.get(why) ?? 0) + 1);
          io.out(`${plural(report.rejected.length, 'ECG')} left out:`);
          for (const [why, n] of [...reasons].sort((a, b) => b[1] - a[1]))
            io.out(`  ${String(n).padStart(5)} x ${why}`);
        }
        return EXIT.ok;
      }
      const actor = await curatorNamed(storage.db, as!);
      if (typeof actor === 'string') {
        io.err(`resample: ${actor}`);
        return EXIT.invalid;
      }
      const outcome = await resampleFromTemplate(storage.db, roots, actor, sample.id, {
        ...(ecgId ? { ecgId } : {}),
        ...(seed !== undefined ? { seed } : {}),
      });
      if (json)
        io.out(
          JSON.stringify({
            sample: refText,
            version: outcome.sample.version,
            provenance: outcome.provenance,
            closedFlags: outcome.closedFlags,
            notes: outcome.notes,
          }),
        );
      else {
        const p = outcome.provenance;
        io.out(
          `Re-sampled ${refText} onto ECG ${p.ecg.ecgId} (margin ${fixed(outcome.candidate.margin)}): version ${outcome.sample.version}, template ${p.template.targetDx} ${p.template.dxLabel} path ${p.template.pathIdx} variant ${p.template.variant + 1}, seed ${p.seed}, engine ${p.engineVersion}; ${plural(outcome.closedFlags, 'open flag')} closed; back to review.`,
        );
        for (const note of outcome.notes) io.out(`  note: ${note}`);
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ServiceError) {
        io.err(`resample: ${error.message}`);
        return EXIT.invalid;
      }
      throw error;
    } finally {
      await storage.close();
    }
  },
};

export default resampleCommand;
