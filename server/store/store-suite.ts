// The store contract every backend passes (SQLite now, PostgreSQL later): what the sync
// writes, what the routes read, in exactly CONTRACT.md's order and filter semantics, the
// messages: held, searched, shown; the Created range, activity, and saved views.
import { afterEach, describe } from 'vitest'
import type { Store } from './store.ts'
import { describeStoreMessages } from './store-suite-messages.ts'
import { describeStoreRange } from './store-suite-range.ts'
import { describeStoreReads } from './store-suite-reads.ts'
import { describeStoreSearch } from './store-suite-search.ts'
import { describeStoreViews } from './store-suite-views.ts'
import { describeStoreWrites } from './store-suite-writes.ts'

export type OpenFresh = () => Promise<Store>

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(name, () => {
    const opened: Store[] = []
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()))
    })
    const fresh: OpenFresh = async () => {
      const store = await open()
      opened.push(store)
      return store
    }
    describeStoreWrites(fresh)
    describeStoreReads(fresh)
    describeStoreMessages(fresh)
    describeStoreSearch(fresh)
    describeStoreRange(fresh)
    describeStoreViews(fresh)
  })
}
