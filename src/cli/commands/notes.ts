import { generateReleaseNotes } from '../../server/services/release-changes';
import { getReleaseByName } from '../../server/services/releases';
import { ServiceError } from '../../server/services/service-error';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, usageError } from './benchmark-input';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench notes <from-release> <to-release>',
  '  Prints release notes (Markdown) for <to-release> generated from what changed since',
  '  <from-release>, both named as they were cut, from the workspace (DATA_DIR / DATABASE_URL).',
].join('\n');

/**
 * `notes`: generates the release notes between two releases of the workspace, in the benchmark's
 * shape (diagnoses regenerated wholesale, re-sampled ids by diagnosis and source, fixes in place,
 * added, removed). Exit 0 printed, 1 a release is unknown or has no snapshot, 2 usage,
 * 3 the database cannot be opened.
 */
export const notesCommand: CliCommand = {
  name: 'notes',
  summary: 'Print release notes for what changed between two releases of the workspace',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: [], values: [] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 2) {
      return usageError(io, usage, 'notes takes two release names: from and to');
    }
    const [fromName, toName] = parsed.positional as [string, string];
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { db } = opened.storage;
    try {
      const from = await getReleaseByName(db, fromName);
      const to = await getReleaseByName(db, toName);
      const without = [from, to].find((release) => !release.snapshot);
      if (without) {
        io.err(
          `Release "${without.name}" was cut before releases kept snapshots; notes cannot be made from it.`,
        );
        return EXIT.invalid;
      }
      io.out(await generateReleaseNotes(db, to.name, to.id, { id: from.id, name: from.name }));
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not_found') {
        io.err(`${error.message} The workspace's releases are listed in the app under Releases.`);
        return EXIT.invalid;
      }
      throw error;
    } finally {
      await opened.storage.close();
    }
  },
};

export default notesCommand;
