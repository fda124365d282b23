/**
 * A field that takes typed text (or a select's type-ahead): single-key shortcuts such as
 * j, k and Escape belong to it there.
 */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.closest('input, textarea, select') !== null
}
