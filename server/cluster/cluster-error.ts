// Why the replicas cannot coordinate through PostgreSQL, in words an operator can act on.
// The connection string is never repeated: it carries the password. What the driver says
// is scrubbed of the password all the same, in case a message ever quotes it.

export class ClusterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ClusterError'
  }
}

/** A function that removes the URL's password (raw and percent-decoded) from a text. */
export function passwordScrubber(url: string): (text: string) => string {
  let secrets: string[] = []
  try {
    const raw = new URL(url).password
    secrets = [raw, safeDecode(raw)].filter((secret) => secret.length > 0)
  } catch {
    // An unparsable URL: pg will refuse it too, with a message that does not quote it.
  }
  return (text) => secrets.reduce((out, secret) => out.replaceAll(secret, '[redacted]'), text)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The driver's reason, as text fit for a log line. */
export const reasonOf = (error: unknown, scrub: (text: string) => string): string =>
  scrub(error instanceof Error ? error.message : String(error))
