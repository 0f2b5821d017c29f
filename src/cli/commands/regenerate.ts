/**
 * `regenerate`: every sample of a diagnosis rebuilt from the workspace's templates on its own ECG
 * (keeping the beats its answer windows sit on); a preview of what changes, then with --apply one
 * transaction of 'regenerate' revisions.
 */
import type { TargetDx } from '../../schemas/benchmark-sample';
import { TARGET_DX } from '../../schemas/benchmark-sample';
import { recordRoots } from '../../server/services/records';
import type { RegenerationItem } from '../../server/services/regeneration';
import { applyRegeneration, previewRegeneration } from '../../server/services/regeneration';
import { ServiceError } from '../../server/services/service-error';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, plural, usageError } from './benchmark-input';
import { curatorNamed, parseSeed } from './curator-args';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench regenerate --dx <target_dx> [--seed <n>] [--json]',
  'ecg-workbench regenerate --dx <target_dx> --apply --as <curator> [--seed <n>] [--json]',
  '  Without --apply: the diff, per sample, of regenerating it from its template on its own ECG.',
  "  With --apply: writes every changed sample as a 'regenerate' revision in one transaction (a",
  '  sample changed meanwhile refuses the whole apply); samples that cannot be generated stay as',
  '  they are. Without --seed each sample draws with its own id as the seed.',
].join('\n');

function itemLine(item: RegenerationItem): string {
  const m = item.before.metadata;
  const head = `  ${m.data_source}:${m.id} (ECG ${m.ecg_id}, ${m.dx_label} path ${m.path_idx})`;
  if (!item.result.ok) return `${head}: not generated: ${item.result.problems.join('; ')}`;
  if (item.changed.length === 0) return `${head}: unchanged`;
  return `${head}: ${plural(item.changed.length, 'question')} changed: ${item.changed.join(', ')}`;
}

/** `regenerate`: previews or applies the regeneration of one diagnosis. */
export const regenerateCommand: CliCommand = {
  name: 'regenerate',
  summary: 'Regenerate every sample of a diagnosis from its template: preview, then --apply',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json', 'apply'], values: ['dx', 'seed', 'as'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length > 0)
      return usageError(io, usage, 'regenerate takes no positional arguments');
    const dx = parsed.values.get('dx');
    if (!dx || !(TARGET_DX as readonly string[]).includes(dx)) {
      return usageError(
        io,
        usage,
        `--dx must be one of the 17 diagnoses (${TARGET_DX.join(', ')}), not ${dx ? `"${dx}"` : 'missing'}`,
      );
    }
    const seed = parseSeed(parsed.values.get('seed'));
    if (typeof seed === 'string') return usageError(io, usage, seed);
    const apply = parsed.flags.has('apply');
    const as = parsed.values.get('as');
    if (apply && !as)
      return usageError(
        io,
        usage,
        '--apply writes revisions: name the curator with --as <username>',
      );
    if (!apply && as) return usageError(io, usage, '--as goes with --apply');
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { storage, config } = opened;
    try {
      const actor = apply ? await curatorNamed(storage.db, as!) : null;
      if (typeof actor === 'string') {
        io.err(`regenerate: ${actor}`);
        return EXIT.invalid;
      }
      const items = await previewRegeneration(
        storage.db,
        recordRoots(config),
        dx as TargetDx,
        seed === undefined ? {} : { seed },
      );
      const generated = items.filter((i) => i.result.ok);
      const changed = generated.filter((i) => i.changed.length > 0);
      const applied = actor ? await applyRegeneration(storage.db, actor, items) : null;
      if (parsed.flags.has('json')) {
        io.out(
          JSON.stringify({
            targetDx: dx,
            applied,
            samples: items.map((i) => ({
              id: i.before.metadata.id,
              source: i.before.metadata.data_source,
              ecgId: i.before.metadata.ecg_id,
              generated: i.result.ok,
              changed: i.changed,
              problems: i.result.ok ? [] : i.result.problems,
              provenance: i.result.provenance,
            })),
          }),
        );
      } else {
        io.out(
          `${dx}: ${plural(items.length, 'sample')}; ${generated.length} generated, ${changed.length} of them changed; ${items.length - generated.length} not generated`,
        );
        for (const item of items) io.out(itemLine(item));
        if (applied) {
          io.out(
            `Applied in one transaction: ${plural(applied.written, 'revision')} written, ${applied.unchanged} unchanged, ${applied.skipped} not generated (left as they are), ${plural(applied.closedFlags, 'open flag')} closed.`,
          );
        } else io.out('Nothing written (preview). Run with --apply --as <curator> to write.');
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ServiceError) {
        io.err(`regenerate: ${error.message}`);
        return EXIT.invalid;
      }
      throw error;
    } finally {
      await storage.close();
    }
  },
};

export default regenerateCommand;
