import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { createQueryClient } from './query-client.ts'
import { DemoBanner } from './demo-banner.tsx'
import { ConversationsPage } from '../features/conversations/conversations-page.tsx'
import { useLocation } from '../lib/router.ts'

export function App() {
  const [queryClient] = useState(createQueryClient)
  const location = useLocation()
  return (
    <QueryClientProvider client={queryClient}>
      <DemoBanner />
      <ConversationsPage location={location} />
    </QueryClientProvider>
  )
}
