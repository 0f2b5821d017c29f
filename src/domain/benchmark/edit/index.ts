/** Editing a sample's reasoning chain: pure operations, live rules, merges, skeleton copies. */
export * from './question-ref';
export * from './answers';
export * from './chain-edits';
export * from './grounding-edits';
export * from './measurement-proposal';
export * from './field-problems';
export * from './skeleton-copy';
export * from './merge';
