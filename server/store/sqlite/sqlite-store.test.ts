import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../open-store.ts'
import { describeStoreContract } from '../store-suite.ts'
import type { Store } from '../store.ts'

const fileUrl = () => `file:${join(mkdtempSync(join(tmpdir(), 'store-')), 'mirror.sqlite')}`

// A first fill leaves its titles out of the search index until it is built: the suites
// fill empty mirrors, so they search that way here, and with the index built after every
// write below.
const indexingAsWritten = (store: Store): Store => ({
  ...store,
  upsertConversations: async (rows) => {
    const changed = await store.upsertConversations(rows)
    await store.finishDeferredIndexes()
    return changed
  },
})

describeStoreContract('SQLite in memory', () => openStore('file::memory:'))

describeStoreContract('SQLite file', () => openStore(fileUrl()))

describeStoreContract('SQLite file, titles indexed as written', async () =>
  indexingAsWritten(await openStore(fileUrl())),
)
