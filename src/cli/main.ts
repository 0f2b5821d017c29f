import type { CliCommand, CliIo } from './command';
import { EXIT } from './command';

// Commands load lazily so `validate` does not pay for the database driver.
const commands: Record<string, () => Promise<CliCommand>> = {
  validate: async () => (await import('./commands/validate')).validateCommand,
  convert: async () => (await import('./commands/convert')).convertCommand,
  stats: async () => (await import('./commands/stats')).statsCommand,
  import: async () => (await import('./commands/import')).importCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  diff: async () => (await import('./commands/diff')).diffCommand,
  notes: async () => (await import('./commands/notes')).notesCommand,
  record: async () => (await import('./commands/record')).recordCommand,
  measure: async () => (await import('./commands/measure')).measureCommand,
  labels: async () => (await import('./commands/labels')).labelsCommand,
  user: async () => (await import('./commands/user')).userCommand,
  review: async () => (await import('./commands/review')).reviewCommand,
  templates: async () => (await import('./commands/templates')).templatesCommand,
  resample: async () => (await import('./commands/resample')).resampleCommand,
  regenerate: async () => (await import('./commands/regenerate')).regenerateCommand,
  'regenerate-check': async () =>
    (await import('./commands/regenerate-check')).regenerateCheckCommand,
  evaluate: async () => (await import('./commands/evaluate')).evaluateCommand,
  'evaluate-labels': async () => (await import('./commands/evaluate-labels')).evaluateLabelsCommand,
  'import-answers': async () => (await import('./commands/import-answers')).importAnswersCommand,
  preflags: async () => (await import('./commands/preflags')).preflagsCommand,
};

const io: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

async function help(): Promise<string> {
  const lines = ['Usage: ecg-workbench <command> [options]', '', 'Commands:'];
  for (const load of Object.values(commands)) {
    const command = await load();
    lines.push(`  ${command.name.padEnd(17)} ${command.summary}`);
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(await help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = commands[name];
  if (!load) {
    io.err(`Unknown command "${name}".\n\n${await help()}`);
    return EXIT.usage;
  }
  return (await load()).run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.err(
      `Unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = EXIT.failure;
  },
);
