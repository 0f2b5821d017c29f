/**
 * `labels export|import`: dense labels as the label JSONL of taxonomy.md, through the same
 * services as GET /api/labels/export and POST /api/labels/import (same roles, same checks).
 */
import { createReadStream, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import type { DataSource } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { Actor } from '../../server/services/actor';
import { exportLabels, importLabels } from '../../server/services/label-transfer';
import { ServiceError } from '../../server/services/service-error';
import { findUserByUsername } from '../../server/services/users';
import type { Db } from '../../server/storage/database';
import type { Role } from '../../schemas/api/common';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { parseArgs, plural, usageError } from './benchmark-input';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench labels export --as <username> [--source ptbxl|mimic_iv_ecg] [--out <file>]',
  'ecg-workbench labels import <file.jsonl> --as <cardiologist> [--json]',
  '  export: a cardiologist exports their own labels (drafts once complete); a curator or admin',
  '  every submitted label. Lines: {"data_source","ecg_id","label",labeller id,status}.',
  '  import: the lines become the cardiologist\'s own labels (status "draft" when a line has',
  '  none), all or nothing; every problem is listed with its line number.',
].join('\n');

const EXPORTERS: readonly Role[] = ['cardiologist', 'curator', 'admin'];

async function actorNamed(
  db: Db,
  username: string,
  roles: readonly Role[],
): Promise<Actor | string> {
  const user = await findUserByUsername(db, username);
  if (!user) return `no account named "${username}"`;
  if (user.disabled) return `the account "${username}" is disabled`;
  if (!roles.includes(user.role as Role)) {
    return `"${username}" is a ${user.role}; this needs a ${roles.join(' or ')}`;
  }
  return { id: user.id, username: user.username, role: user.role as Role };
}

async function runExport(
  db: Db,
  actor: Actor,
  source: DataSource | undefined,
  out: string | undefined,
  io: CliIo,
) {
  const { text, lines } = await exportLabels(db, actor, source);
  if (out === undefined) {
    if (text !== '') io.out(text.slice(0, -1));
  } else {
    await writeFile(out, text);
    io.err(`Wrote ${plural(lines, 'label')} to ${out}.`);
  }
  return EXIT.ok;
}

async function runImport(db: Db, actor: Actor, file: string, json: boolean, io: CliIo) {
  try {
    statSync(file);
  } catch {
    io.err(`Cannot read ${file}: no such file.`);
    return EXIT.failure;
  }
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const report = await importLabels(
    db,
    actor,
    jsonlEntryBatches(file, stream as AsyncIterable<Uint8Array>),
  );
  if (json) io.out(JSON.stringify(report));
  for (const p of report.problems) {
    io.err(`${file}:${p.lineNumber ?? '-'}: ${p.severity} [${p.rule}] ${p.message}`);
  }
  const { counts } = report;
  if (report.outcome === 'refused') {
    io.err(
      `Refused: ${plural(report.problems.filter((p) => p.severity === 'error').length, 'error')} in ${plural(counts.lines, 'line')}; nothing was imported.`,
    );
    return EXIT.invalid;
  }
  io.err(
    `Imported ${plural(counts.lines, 'line')} as ${actor.username}: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged.`,
  );
  return EXIT.ok;
}

/** `labels`: export or import dense labels. */
export const labelsCommand: CliCommand = {
  name: 'labels',
  summary: 'Export or import dense labels (label JSONL)',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['json'], values: ['as', 'source', 'out'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const [action, ...rest] = parsed.positional;
    const as = parsed.values.get('as');
    if (action !== 'export' && action !== 'import')
      return usageError(io, usage, 'labels needs export or import');
    if (!as) return usageError(io, usage, `labels ${action} needs --as <username>`);
    const sourceText = parsed.values.get('source');
    if (sourceText !== undefined && !(DATA_SOURCES as readonly string[]).includes(sourceText))
      return usageError(io, usage, `--source must be ${DATA_SOURCES.join(' or ')}`);
    if (action === 'import' && rest.length !== 1)
      return usageError(io, usage, 'labels import takes one file');
    if (action === 'export' && rest.length > 0)
      return usageError(io, usage, 'labels export takes no file; write with --out <file>');
    const opened = await openConfiguredStorage(io);
    if (typeof opened === 'number') return opened;
    const { db } = opened.storage;
    try {
      const actor = await actorNamed(db, as, action === 'import' ? ['cardiologist'] : EXPORTERS);
      if (typeof actor === 'string') {
        io.err(actor);
        return EXIT.usage;
      }
      return action === 'export'
        ? await runExport(
            db,
            actor,
            sourceText as DataSource | undefined,
            parsed.values.get('out'),
            io,
          )
        : await runImport(db, actor, rest[0]!, parsed.flags.has('json'), io);
    } catch (error) {
      if (error instanceof ServiceError) {
        io.err(error.message);
        return EXIT.invalid;
      }
      throw error;
    } finally {
      await opened.storage.close();
    }
  },
};
