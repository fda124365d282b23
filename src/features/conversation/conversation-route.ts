const ROUTE = /^\/conversations\/([^/]+)\/?$/

/** The conversation id in a `/conversations/:id` path, or null for any other path. */
export function conversationIdFromPath(pathname: string): string | null {
  const encoded = ROUTE.exec(pathname)?.[1]
  if (encoded === undefined) return null
  try {
    return decodeURIComponent(encoded)
  } catch {
    // A malformed escape is still a conversation URL: let the server call it not found.
    return encoded
  }
}

/**
 * `/conversations/:id` with the list's query string (`?page=2&text=refund`, or ''), so a
 * link opens the list and the conversation together, and the transcript marks what the
 * list's `Search messages` looked for (also in a new tab).
 */
export function conversationPath(id: string, listQuery = ''): string {
  return `/conversations/${encodeURIComponent(id)}${listQuery}`
}

/** The message search a conversation URL carries ('' for none). */
export function searchTextOf(search: string): string {
  return new URLSearchParams(search).get('text')?.trim() ?? ''
}
