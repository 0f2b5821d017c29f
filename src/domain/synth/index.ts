/** Synthetic 12-lead ECGs with known beats, intervals and axes. */
export * from './conditions';
export * from './generate-ecg';
export { createPrng } from './prng';
export type { Prng } from './prng';
