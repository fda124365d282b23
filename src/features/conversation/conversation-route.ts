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

export function conversationPath(id: string): string {
  return `/conversations/${encodeURIComponent(id)}`
}
