/** The measurement engine's version: bumped whenever a change can move a measured value. */
export const MEASUREMENT_ENGINE_VERSION = '1';
