import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { createQueryClient } from './query-client.ts'
import { DemoBanner } from './demo-banner.tsx'
import { AppHeader } from '../components/app-header.tsx'
import { ConversationsPage } from '../features/conversations/conversations-page.tsx'
import { ConversationView } from '../features/conversation/conversation-view.tsx'
import { conversationIdFromPath } from '../features/conversation/conversation-route.ts'
import { useLocation } from '../lib/router.ts'

export function App() {
  const [queryClient] = useState(createQueryClient)
  const location = useLocation()
  const conversationId = conversationIdFromPath(location.pathname)
  return (
    <QueryClientProvider client={queryClient}>
      <header className="app-header">
        <AppHeader />
        <DemoBanner />
      </header>
      {conversationId === null ? (
        <ConversationsPage location={location} />
      ) : (
        <ConversationView id={conversationId} />
      )}
    </QueryClientProvider>
  )
}
