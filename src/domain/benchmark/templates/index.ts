/**
 * Templates: the skeleton every sample of one (target_dx, dx_label, path_idx) shares, read from a
 * set of samples (../shared/docs/templates.md), and whether a sample fits its template.
 */
export * from './types';
export { extractTemplates, findTemplate, keyOfSample, templateKeyText } from './extract';
export { fitSample } from './fit';
export type { TemplateFit } from './fit';
export { binSetMisfit, slidingOptions, slidingStep } from './bins';
