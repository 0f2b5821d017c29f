/**
 * Vitest setup for property tests: every fast-check run takes its seed from FC_SEED when set (to
 * replay a failure), else a fresh one; a failure's message names the seed and the shrunk path,
 * and with FC_SEED the run is the same one again.
 */
import fc from 'fast-check';

const seed = process.env['FC_SEED'];
fc.configureGlobal({
  ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
  // Level 1 prints the counterexample, the seed and the path on failure.
  verbose: 1,
});
