// Whose mirror this is. A mirror filled from another upstream URL is never shown; one
// filled with another key id is kept only when the new key proves it reads the same
// company (its first page of conversations is already in the mirror, same ids, titles
// and customers), so rotating a key does not cost a full re-sync. Anything else starts
// fresh. Only the key id is stored, never the secret.
import { ConversationListSchema, type Conversation } from '../../src/lib/contract.ts'
import type { Logger } from '../logger.ts'
import type { Store } from '../store/store.ts'
import type { UpstreamClient } from '../upstream/client.ts'

export type BindingOutcome = 'new' | 'same' | 'rotated-key-kept' | 'reset'

type Deps = {
  store: Pick<Store, 'readBinding' | 'writeBinding' | 'clear' | 'getConversation'>
  upstream: Pick<UpstreamClient, 'get'>
  logger: Logger
  upstreamUrl: string
  keyId: string
}

async function sameCompany(deps: Deps): Promise<boolean> {
  let page: Conversation[]
  try {
    const list = await deps.upstream.get('/conversations', {
      query: { page: 1, limit: 100 },
      schema: ConversationListSchema,
    })
    page = list.data
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    deps.logger.warn(`mirror: could not check the new API key against the mirror (${reason})`)
    return false
  }
  if (page.length === 0) return false
  for (const row of page) {
    const kept = await deps.store.getConversation(row.id)
    if (!kept || kept.title !== row.title || kept.customer_user_id !== row.customer_user_id) {
      return false
    }
  }
  return true
}

/** Makes the mirror the current upstream's and key's, emptying it when it is not provably so. */
export async function bindMirror(deps: Deps): Promise<BindingOutcome> {
  const current = { upstreamUrl: deps.upstreamUrl, keyId: deps.keyId }
  const bound = await deps.store.readBinding()
  if (bound === null) {
    await deps.store.clear()
    await deps.store.writeBinding(current)
    return 'new'
  }
  if (bound.upstreamUrl === current.upstreamUrl && bound.keyId === current.keyId) return 'same'
  if (bound.upstreamUrl === current.upstreamUrl && (await sameCompany(deps))) {
    await deps.store.writeBinding(current)
    deps.logger.info(`mirror: API key id changed to ${deps.keyId}; same company, mirror kept`)
    return 'rotated-key-kept'
  }
  await deps.store.clear()
  await deps.store.writeBinding(current)
  deps.logger.warn(
    bound.upstreamUrl === current.upstreamUrl
      ? `mirror: API key id ${deps.keyId} could not be shown to read the same company as ${bound.keyId}; the mirror starts fresh`
      : 'mirror: PERFORMCHAT_API_URL changed; the mirror starts fresh',
  )
  return 'reset'
}
