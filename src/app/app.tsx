import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { Suspense } from 'react'
import { DemoBanner } from './demo-banner.tsx'
import { useReadingPane } from './reading-layout.ts'
import { ReadingPaneEmpty } from './reading-pane-empty.tsx'
import { conversationsPage, conversationView } from './routes.tsx'
import { AppHeader } from '../components/app-header.tsx'
import { conversationIdFromPath } from '../features/conversation/conversation-route.ts'
import { useLocation } from '../lib/router.ts'

const ConversationsPage = conversationsPage.Screen
const ConversationView = conversationView.Screen

/**
 * The list, and a conversation: beside the list when the window is wide enough (the
 * reading pane), else instead of it. The pane's column is there, empty, before anything
 * is opened, so opening a conversation moves nothing.
 */
export function App({ queryClient }: { queryClient: QueryClient }) {
  const location = useLocation()
  const conversationId = conversationIdFromPath(location.pathname)
  const pane = useReadingPane()
  return (
    <QueryClientProvider client={queryClient}>
      <header className="app-header">
        <AppHeader />
        <DemoBanner />
      </header>
      {conversationId !== null && !pane ? (
        <Suspense fallback={null}>
          <ConversationView id={conversationId} />
        </Suspense>
      ) : (
        <main className="workspace">
          <Suspense fallback={null}>
            <ConversationsPage location={location} openId={conversationId} />
          </Suspense>
          {pane && (
            <div className="reading-pane">
              {conversationId === null ? (
                <ReadingPaneEmpty />
              ) : (
                <Suspense fallback={null}>
                  <ConversationView id={conversationId} layout="pane" />
                </Suspense>
              )}
            </div>
          )}
        </main>
      )}
    </QueryClientProvider>
  )
}
