import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../open-store.ts'
import { describeStoreContract } from '../store-suite.ts'

describeStoreContract('SQLite in memory', () => openStore('file::memory:'))

describeStoreContract('SQLite file', () =>
  openStore(`file:${join(mkdtempSync(join(tmpdir(), 'store-')), 'mirror.sqlite')}`),
)
