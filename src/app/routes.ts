// Each screen is its own chunk. The entry holds what every screen shares (React, TanStack
// Query, the contract, the event stream); main.tsx starts the current screen's chunk at
// once, alongside its data, so splitting adds no wait of its own.

export const loadConversationsPage = () =>
  import('../features/conversations/conversations-page.tsx').then((module) => ({
    default: module.ConversationsPage,
  }))

export const loadConversationView = () =>
  import('../features/conversation/conversation-view.tsx').then((module) => ({
    default: module.ConversationView,
  }))
