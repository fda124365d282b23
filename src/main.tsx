import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { createQueryClient } from './app/query-client.ts'
import { hasReadingPane } from './app/reading-layout.ts'
import { conversationsPage, conversationView } from './app/routes.tsx'
import { conversationIdFromPath } from './features/conversation/conversation-route.ts'
import { apiView, parseListState } from './features/conversations/list-url-state.ts'
import { conversationQueries, countedApart } from './lib/queries/conversation-queries.ts'
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
const screens: Promise<unknown>[] = []
if (conversation) {
  screens.push(conversationView.preload())
  queryClient.query(conversationQueries.detail(conversationId)).catch(() => undefined)
  queryClient.infiniteQuery(conversationQueries.messages(conversationId)).catch(() => undefined)
}
if (!conversation || pane) {
  const list = conversationsPage.preload()
  screens.push(list)
  const view = apiView(parseListState(window.location.search))
  queryClient.query(conversationQueries.list(view)).catch(() => undefined)
  if (countedApart(view)) queryClient.query(conversationQueries.count(view)).catch(() => undefined)
  if (!conversation && pane) void list.then(conversationView.preload, () => undefined)
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// The first render waits for the screen's chunk (its data is on its way meanwhile); a
// chunk that fails to load is the screen's to report, through React.lazy.
void Promise.allSettled(screens).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  ),
)
