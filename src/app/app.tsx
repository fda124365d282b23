import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { DemoBanner } from './demo-banner.tsx'
import { AppHeader } from '../components/app-header.tsx'
import { ConversationsPage } from '../features/conversations/conversations-page.tsx'
import { conversationIdFromPath } from '../features/conversation/conversation-route.ts'
import { useLocation } from '../lib/router.ts'

// The list is what most visits open first; the transcript view loads when it is needed.
const ConversationView = lazy(() =>
  import('../features/conversation/conversation-view.tsx').then((module) => ({
    default: module.ConversationView,
  })),
)

export function App({ queryClient }: { queryClient: QueryClient }) {
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
        <Suspense fallback={null}>
          <ConversationView id={conversationId} />
        </Suspense>
      )}
    </QueryClientProvider>
  )
}
