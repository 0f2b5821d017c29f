/**
 * The measurement engine's version: recorded with every sample generated from its measurements.
 * Raise it whenever a change can move a measured value, a wave boundary or a beat.
 * 1.1.0: S after the first R wave, T onset per beat (searched no later than the median beat's T
 * end, not into the next P wave), QRS shapes of the median beat.
 */
export const MEASURE_ENGINE_VERSION = '1.1.0';
