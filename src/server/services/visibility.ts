import type { Actor } from './actor';

/**
 * Whether a reader may see a dense label: their own in any status; a submitted one if they are
 * not a cardiologist (labellers work blind). Another labeller's draft is never shown.
 */
export function labelVisibleTo(
  reader: Actor,
  label: { readonly labellerId: string; readonly status: string },
): boolean {
  return (
    label.labellerId === reader.id ||
    (reader.role !== 'cardiologist' && label.status === 'submitted')
  );
}
