// Why the mirror cannot be opened, read or written, in words an operator can act on.
// Backends turn their driver's errors into one of these codes; nothing above the store
// needs to know which database it runs on.

export type StoreErrorCode =
  /** DATABASE_URL names no store this release can open. */
  | 'unsupported_url'
  /** The database was written by a newer dashboard, or by something else entirely. */
  | 'newer_schema'
  | 'not_a_mirror'
  /** The disk (or the size cap) is full: the write was rolled back. */
  | 'disk_full'
  | 'io_error'
  | 'corrupt'
  /** Another process held the database locked for longer than the busy timeout. */
  | 'busy'
  | 'cannot_open'
  | 'read_only'
  /** A unique value (a view's name) is taken. */
  | 'conflict'
  /** The database server cannot be reached, or dropped the connection; a later call may work. */
  | 'unavailable'

export class StoreError extends Error {
  readonly code: StoreErrorCode

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StoreError'
    this.code = code
  }
}
