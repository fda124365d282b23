import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { createQueryClient } from './app/query-client.ts'
import { loadConversationsPage, loadConversationView } from './app/routes.ts'
import { conversationIdFromPath } from './features/conversation/conversation-route.ts'
import { apiView, parseListState } from './features/conversations/list-url-state.ts'
import { conversationQueries } from './lib/queries/conversation-queries.ts'
import { connectSyncEvents } from './lib/sync-events.ts'
import './app/styles.css'

const queryClient = createQueryClient()
// The screen's code, its data and the sync's progress are asked for now, side by side,
// rather than one after the other from the effects after the first commit. Failures are
// the screen's to show.
connectSyncEvents(queryClient)
if (conversationIdFromPath(window.location.pathname) === null) {
  void loadConversationsPage()
  const view = apiView(parseListState(window.location.search))
  queryClient.query(conversationQueries.list(view)).catch(() => undefined)
} else {
  void loadConversationView()
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
)
