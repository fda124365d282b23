import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { createQueryClient } from './app/query-client.ts'
import { conversationQueries } from './lib/queries/conversation-queries.ts'
import { customerQueries } from './lib/queries/customer-queries.ts'
import './app/styles.css'

const queryClient = createQueryClient()
// The list's first screen waits for the snapshots: ask for them now, while React renders
// the page, rather than from the effects after its first commit. These requests take over
// the ones index.html preloads alongside the script, on every route: a conversation opened
// from a link names its customer from the customer snapshot, and Back finds the list ready.
// Failures are the list's to show, through its own queries.
queryClient.query(conversationQueries.snapshot()).catch(() => undefined)
queryClient.query(customerQueries.snapshot()).catch(() => undefined)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
)
