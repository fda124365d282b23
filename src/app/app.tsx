import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { DemoBanner } from './demo-banner.tsx'
import { loadConversationsPage, loadConversationView } from './routes.ts'
import { AppHeader } from '../components/app-header.tsx'
import { conversationIdFromPath } from '../features/conversation/conversation-route.ts'
import { useLocation } from '../lib/router.ts'

const ConversationsPage = lazy(loadConversationsPage)
const ConversationView = lazy(loadConversationView)

export function App({ queryClient }: { queryClient: QueryClient }) {
  const location = useLocation()
  const conversationId = conversationIdFromPath(location.pathname)
  return (
    <QueryClientProvider client={queryClient}>
      <header className="app-header">
        <AppHeader />
        <DemoBanner />
      </header>
      <Suspense fallback={null}>
        {conversationId === null ? (
          <ConversationsPage location={location} />
        ) : (
          <ConversationView id={conversationId} />
        )}
      </Suspense>
    </QueryClientProvider>
  )
}
