import type { BenchSuite } from './suite';

// Each suite measures against a reference in the same run; the output is one JSON object.
const suites: Record<string, () => Promise<BenchSuite>> = {
  validate: async () => (await import('./validate.bench')).validateSuite,
  import: async () => (await import('./import.bench')).importSuite,
  export: async () => (await import('./export.bench')).exportSuite,
  wfdb: async () => (await import('./wfdb-decode.bench')).wfdbSuite,
  measure: async () => (await import('./measure.bench')).measureSuite,
  server: async () => (await import('./save-latency.bench')).saveLatencySuite,
  importLoad: async () => (await import('./import-load.bench')).importLoadSuite,
  plot: async () => (await import('./plot.bench')).plotSuite,
  review: async () => (await import('./review.bench')).reviewSuite,
  reviewui: async () => (await import('./review-ui.bench')).reviewUiSuite,
  evaluate: async () => (await import('./evaluate.bench')).evaluateSuite,
  preflags: async () => (await import('./preflags.bench')).preflagsSuite,
  'label-worklist': async () => (await import('./label-worklist.bench')).labelWorklistSuite,
  label: async () => (await import('./label.bench')).labelSuite,
};

async function main(argv: readonly string[]): Promise<void> {
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? argv[onlyIndex + 1]?.split(',') : undefined;
  const results: Record<string, unknown> = {
    machine: { node: process.version, platform: process.platform, arch: process.arch },
  };
  for (const [name, load] of Object.entries(suites)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}...\n`);
    results[name] = await (await load()).run();
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
