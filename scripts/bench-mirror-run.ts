// One run's copy of the filled mirror, made to look like a mirror a server left complete a
// moment ago: bound to the upstream URL and key id the server starts with, and the last
// conversations and customers passes recorded as just finished and trustworthy. A copy,
// because the server writes its sync state into the file and the cached one stays as filled.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../server/store/open-store.ts'
import type { ListFilters } from '../src/lib/contract.ts'
import { writeLastPass } from '../server/sync/pass-state.ts'
import { FILL } from './bench-mirror-fill.ts'

type Binding = { upstreamUrl: string; keyId: string }

export async function completeMirrorCopy(filled: string, binding: Binding) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-mirror-'))
  const path = join(dir, 'dashboard.sqlite')
  copyFileSync(filled, path)
  const store = await openStore(`file:${path}`)
  try {
    await store.writeBinding(binding)
    const now = Date.now()
    const pass = { startedAt: now, endedAt: now, trustworthy: true, newestFirst: true }
    const pages = (rows: number) => Math.ceil(rows / 100)
    await writeLastPass(store, 'conversations', {
      ...pass,
      requests: pages(FILL.conversations),
      total: FILL.conversations,
    })
    await writeLastPass(store, 'customers', {
      ...pass,
      requests: pages(FILL.customers),
      total: FILL.customers,
    })
  } finally {
    await store.close()
  }
  return {
    databaseUrl: `file:${path}`,
    /** How many conversations the store itself says match these filters. */
    count: async (filters: Partial<ListFilters>) => {
      const reader = await openStore(`file:${path}`)
      try {
        const sort = { column: 'updated_at', desc: true } as const
        const query = { customer: '', q: '', text: '', ...filters, page: 1, limit: 1, sort }
        const { total } = await reader.listConversations(query)
        if (total === null) throw new Error('the store answered without a count')
        return total
      } finally {
        await reader.close()
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
