// The two shared snapshots, each a crawl of one perform.chat list through the shared
// limiter at 'crawl' priority: every conversation, and every customer (the customer
// index behind /api/customers?q= and /api/customers/snapshot).
import type * as z from 'zod/mini'
import {
  ConversationListSchema,
  CustomerListSchema,
  type Conversation,
  type CustomerUser,
} from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import { crawlAll, type FetchPage } from './crawler.ts'
import type { Limiter } from '../upstream/limiter.ts'
import type { Logger } from '../logger.ts'
import { createSnapshotStore, type SnapshotStore } from './snapshot-store.ts'
import type { UpstreamClient } from '../upstream/client.ts'

export type SnapshotSourceDeps = {
  upstream: UpstreamClient
  limiter: Limiter
  clock: Clock
  logger: Logger
  concurrency: number
  ttlSeconds: number
}

export type ListSchema<T> = z.ZodMiniType<{
  data: T[]
  pagination: { total: number; total_pages: number }
}>

/** Reads one page of a list upstream, as a crawl call (the limiter keeps room for others). */
export function listPageFetcher<T>(
  upstream: UpstreamClient,
  path: string,
  schema: ListSchema<T>,
): FetchPage<T> {
  return async (page, limit, signal) => {
    const list = await upstream.get(path, {
      query: { page, limit },
      schema,
      priority: 'crawl',
      signal,
    })
    return {
      rows: list.data,
      total: list.pagination.total,
      totalPages: list.pagination.total_pages,
    }
  }
}

function createListSnapshot<T extends { id: string }>(
  name: string,
  path: string,
  schema: ListSchema<T>,
  deps: SnapshotSourceDeps,
): SnapshotStore<T> {
  const { clock, logger } = deps
  return createSnapshotStore<T>({
    clock,
    ttlSeconds: deps.ttlSeconds,
    crawl: (onProgress) =>
      crawlAll<T>({
        clock,
        limiter: deps.limiter,
        concurrency: deps.concurrency,
        onProgress,
        fetchPage: listPageFetcher(deps.upstream, path, schema),
      }),
    onCrawlEnd: (outcome) => {
      if ('error' in outcome) {
        const reason =
          outcome.error instanceof Error ? outcome.error.message : String(outcome.error)
        logger.warn(`${name} snapshot: crawl failed: ${reason}`)
        return
      }
      const { rows, complete, crawlDurationMs } = outcome.snapshot
      const line = `${name} snapshot: ${rows.length} rows in ${(crawlDurationMs / 1000).toFixed(1)} s`
      if (complete) logger.info(line)
      else logger.warn(`${line}, possibly incomplete: the list kept changing during the crawl`)
    },
  })
}

export const createConversationSnapshot = (deps: SnapshotSourceDeps): SnapshotStore<Conversation> =>
  createListSnapshot('conversations', '/conversations', ConversationListSchema, deps)

export const createCustomerIndex = (deps: SnapshotSourceDeps): SnapshotStore<CustomerUser> =>
  createListSnapshot('customers', '/customer-users', CustomerListSchema, deps)
