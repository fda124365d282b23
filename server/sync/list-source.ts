// The two perform.chat lists the sync mirrors, and one page of either read as a crawl
// call. perform.chat is not trusted to be sane: a page longer than asked for, a page
// count that does not follow from the total, or a total beyond UPSTREAM_MAX_TOTAL is an
// error an operator must see, never work (10,000s of pages, or rows written past a
// page's end). Such an error is not retryable: asking again brings the same answer.
import type * as z from 'zod/mini'
import {
  ConversationListSchema,
  CustomerListSchema,
  type Conversation,
  type CustomerUser,
} from '../../src/lib/contract.ts'
import type { ListKind } from '../store/store.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import { UpstreamError } from '../upstream/errors.ts'
import type { SyncStore } from './sync-store.ts'

export type ListRow = { id: string; created_at?: string | null | undefined }

export type ListSource<T extends ListRow = ListRow> = {
  kind: ListKind
  path: string
  schema: z.ZodMiniType<{ data: T[]; pagination: { total: number; total_pages: number } }>
  /** Writes one page in one store call; resolves to how many rows were new or changed. */
  write: (store: SyncStore, rows: readonly T[]) => Promise<number>
}

export const conversationList: ListSource<Conversation> = {
  kind: 'conversations',
  path: '/conversations',
  schema: ConversationListSchema,
  write: (store, rows) => store.upsertConversations(rows),
}

export const customerList: ListSource<CustomerUser> = {
  kind: 'customers',
  path: '/customer-users',
  schema: CustomerListSchema,
  write: (store, rows) => store.upsertCustomers(rows),
}

export type ListPage<T> = { rows: readonly T[]; total: number; totalPages: number }
export type FetchPage<T> = (page: number, signal: AbortSignal) => Promise<ListPage<T>>

export const inconsistentCode = 'upstream_inconsistent'

const count = (n: number) => n.toLocaleString('en-US')

function inconsistent(message: string): UpstreamError {
  return new UpstreamError({ status: 502, code: inconsistentCode, message, retryable: false })
}

/** Throws when the answer for `page` cannot be a page of a list of sane size. */
export function checkPage(
  kind: ListKind,
  page: number,
  limit: number,
  answer: { data: readonly unknown[]; pagination: { total: number; total_pages: number } },
  maxTotal: number,
): void {
  const { total, total_pages: totalPages } = answer.pagination
  const got = answer.data.length
  if (got > limit) {
    throw inconsistent(
      `perform.chat sent ${count(got)} ${kind} on page ${page} of the list, more than the ${limit} asked for; the sync stopped and wrote nothing from that page.`,
    )
  }
  if (!Number.isSafeInteger(total) || total < 0) {
    throw inconsistent(`perform.chat reported an impossible number of ${kind} (${total}).`)
  }
  if (total > maxTotal) {
    throw inconsistent(
      `perform.chat reports ${count(total)} ${kind}, more than UPSTREAM_MAX_TOTAL (${count(maxTotal)}) allows; the sync stopped. Raise UPSTREAM_MAX_TOTAL if the number is real.`,
    )
  }
  const expected = Math.ceil(total / limit)
  if (totalPages !== expected && !(total === 0 && totalPages === 1)) {
    throw inconsistent(
      `perform.chat says ${count(total)} ${kind} fill ${count(totalPages)} pages of ${limit}, which would be ${count(expected)}; the sync stopped.`,
    )
  }
}

/** Reads one page of `list` through the shared limiter at 'crawl' priority, checked. */
export function listPageFetcher<T extends ListRow>(
  upstream: Pick<UpstreamClient, 'get'>,
  list: ListSource<T>,
  limit: number,
  maxTotal: number,
): FetchPage<T> {
  return async (page, signal) => {
    const answer = await upstream.get(list.path, {
      query: { page, limit },
      schema: list.schema,
      priority: 'crawl',
      signal,
    })
    checkPage(list.kind, page, limit, answer, maxTotal)
    return {
      rows: answer.data,
      total: answer.pagination.total,
      totalPages: answer.pagination.total_pages,
    }
  }
}
