import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { createQueryClient } from './app/query-client.ts'
import { hasReadingPane } from './app/reading-layout.ts'
import { loadConversationsPage, loadConversationView } from './app/routes.ts'
import { conversationIdFromPath } from './features/conversation/conversation-route.ts'
import { apiView, parseListState } from './features/conversations/list-url-state.ts'
import { conversationQueries } from './lib/queries/conversation-queries.ts'
import { connectSyncEvents } from './lib/sync-events.ts'
import './app/styles.css'

const queryClient = createQueryClient()
// The screen's code, its data and the sync's progress are asked for now, side by side,
// rather than one after the other from the effects after the first commit. Failures are
// the screen's to show. Wide windows show the list beside a conversation, and open one
// with a click: both chunks are wanted.
connectSyncEvents(queryClient)
const conversationId = conversationIdFromPath(window.location.pathname)
const conversation = conversationId !== null
const pane = hasReadingPane()
if (conversation) {
  void loadConversationView()
  queryClient.query(conversationQueries.detail(conversationId)).catch(() => undefined)
  queryClient.infiniteQuery(conversationQueries.messages(conversationId)).catch(() => undefined)
}
if (!conversation || pane) {
  const list = loadConversationsPage()
  const view = apiView(parseListState(window.location.search))
  queryClient.query(conversationQueries.list(view)).catch(() => undefined)
  if (view.text) queryClient.query(conversationQueries.count(view)).catch(() => undefined)
  if (!conversation && pane) void list.then(loadConversationView)
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
)
