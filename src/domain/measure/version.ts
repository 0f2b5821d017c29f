/**
 * The measurement engine's version: recorded with every sample generated from its measurements.
 * Raise it whenever a change can move a measured value, a wave boundary or a beat.
 * 1.1.0: S after the first R wave, T onset per beat (searched no later than the median beat's T
 * end, not into the next P wave), QRS shapes of the median beat.
 * 1.2.0: atrial activity (every P wave, conducted or not, and the atrial rate); no PR interval
 * where P waves and QRS complexes are dissociated.
 * 1.3.0: S is the lowest point of the QRS, as the benchmark defines it (a QS complex ending in a
 * small positive wave read S 0); no P wave and no PR where atrial activity finds no P wave.
 */
export const MEASURE_ENGINE_VERSION = '1.3.0';
