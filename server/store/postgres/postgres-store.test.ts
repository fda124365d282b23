import { freshPostgresUrl } from '../../testing/postgres-test-db.ts'
import { openStore } from '../open-store.ts'
import { describeStoreContract } from '../store-suite.ts'

describeStoreContract('PostgreSQL', async () => openStore(await freshPostgresUrl()))
