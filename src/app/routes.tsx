// Each screen is its own chunk. The entry holds what every screen shares (React, TanStack
// Query, the contract, the event stream); main.tsx starts the current screen's chunk at
// once, alongside its data, and renders once it is in, so splitting adds no wait of its
// own. A screen whose chunk is in renders as itself, never through React.lazy: a lazy
// screen shows its (empty) fallback first, and React holds back revealing what replaces a
// fallback for up to 300 ms, which is what the first rows waited for (data in at 360 ms,
// painted at 668 ms).
import { lazy, useState, type ComponentType } from 'react'
import type { ConversationsPage } from '../features/conversations/conversations-page.tsx'
import type { ConversationView } from '../features/conversation/conversation-view.tsx'

function screen<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<ComponentType<P>> | null = null
  const preload = () => (loading ??= load().then((component) => (loaded = component)))
  const Lazy = lazy(() => preload().then((component) => ({ default: component })))
  /** The screen; the one component a mount starts with is the one it keeps. */
  function Screen(props: P) {
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy)
    return <Component {...props} />
  }
  return { Screen, preload }
}

export const conversationsPage = screen<Parameters<typeof ConversationsPage>[0]>(() =>
  import('../features/conversations/conversations-page.tsx').then(
    (module) => module.ConversationsPage,
  ),
)

export const conversationView = screen<Parameters<typeof ConversationView>[0]>(() =>
  import('../features/conversation/conversation-view.tsx').then(
    (module) => module.ConversationView,
  ),
)
