// `npm run mirror:clear`: empties the mirror named by DATABASE_URL (conversations,
// customers and the sync's progress), for a fresh start. Stop the server first: the next
// start re-reads everything from perform.chat. The file itself and its schema stay.
import { loadConfig } from '../server/config.ts'
import { openStore } from '../server/store/open-store.ts'

const config = loadConfig()
const store = await openStore(config.databaseUrl)
const before = await store.counts()
await store.clear()
await store.close()
console.log(
  `Emptied the mirror at ${config.databaseUrl.startsWith('file:') ? config.databaseUrl : 'DATABASE_URL'}: ` +
    `${before.conversations.toLocaleString('en-US')} conversations and ${before.customers.toLocaleString('en-US')} customers removed.`,
)
