/** Editing a sample's reasoning chain: pure operations, undo history, live rules, skeleton copies. */
export * from './question-ref';
export * from './answers';
export * from './chain-edits';
export * from './grounding-edits';
export * from './measurement-proposal';
export * from './edit-history';
export * from './field-problems';
export * from './skeleton-copy';
export * from './merge';
