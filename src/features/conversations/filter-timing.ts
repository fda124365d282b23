// How typing in a filter turns into requests (read by `npm run bench:ui` too).

/** A typed filter is applied (URL, count) once typing pauses this long. */
export const FILTER_DEBOUNCE_MS = 150

/**
 * A pause in typing this long asks for the typed text's rows, so they are usually in when
 * the debounce applies it: the cheap request leaves early, and the count, which may scan,
 * still waits for the debounce.
 */
export const PREVIEW_PAUSE_MS = 50
