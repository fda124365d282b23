import { useQuery } from '@tanstack/react-query'
import { useDeferredValue, useMemo } from 'react'
import type { Conversation } from '../../lib/contract.ts'
import { conversationQueries, customerQueries } from './conversation-queries.ts'
import { customerName, EMPTY_CUSTOMER_INDEX, indexCustomers } from './customer-index.ts'
import { buildRowFilter, customerMatchSet, filterOrderIncremental } from './filter-rows.ts'
import type { ListState } from './list-url-state.ts'
import { rowKeys } from './row-keys.ts'
import { sortOrder } from './sort-rows.ts'
import { useShownSnapshot } from './use-shown-snapshot.ts'

const NO_ROWS: readonly Conversation[] = []

/**
 * Everything the list shows for one view of the URL. Work is staged so each input
 * redoes only its own part: keys once per snapshot, the sort once per sort or snapshot,
 * the filter over the sorted positions, and only the current page becomes rows.
 */
export function useConversationList(state: ListState) {
  const conversations = useQuery(conversationQueries.snapshot())
  const customers = useQuery(customerQueries.snapshot())
  const shown = useShownSnapshot(conversations.data)
  const snapshot = shown.snapshot
  const rows = snapshot?.rows ?? NO_ROWS

  const customerIndex = useMemo(
    () => (customers.data ? indexCustomers(customers.data.rows) : EMPTY_CUSTOMER_INDEX),
    [customers.data],
  )
  const keys = useMemo(() => rowKeys(rows), [rows])
  const sortCustomers = state.sort.column === 'customer' ? customerIndex : null
  const order = useMemo(
    () =>
      sortOrder(rows, state.sort, (row) =>
        row.customer_user_id
          ? customerName(sortCustomers?.byId.get(row.customer_user_id), row.customer_user_id)
          : null,
      ),
    [rows, state.sort, sortCustomers],
  )

  const filters = useMemo(
    () => ({ q: state.q, customer: state.customer }),
    [state.q, state.customer],
  )
  const applied = useDeferredValue(filters)
  const customerIds = useMemo(
    () => customerMatchSet(applied.customer, customerIndex),
    [applied.customer, customerIndex],
  )
  const filter = useMemo(
    () => buildRowFilter(applied.q, applied.customer, customerIds),
    [applied, customerIds],
  )
  const matched = useMemo(
    () => filterOrderIncremental(rows, order, keys, filter),
    [rows, order, keys, filter],
  )

  const done = snapshot?.done === true
  const pageCount = Math.max(1, Math.ceil(matched.length / state.limit))
  // A deep link to page 5 must survive the first seconds of loading: clamp only when complete.
  const page = done ? Math.min(state.page, pageCount) : state.page
  const pageRows = useMemo(
    () => matched.slice((page - 1) * state.limit, page * state.limit).flatMap((i) => rows[i] ?? []),
    [matched, page, state.limit, rows],
  )

  return {
    conversations,
    customers,
    customerIndex,
    snapshot,
    pending: shown.pending,
    showPending: shown.show,
    done,
    loadedCount: rows.length,
    matchedCount: matched.length,
    filtering: filter !== null,
    stale: applied !== filters,
    page,
    pageCount,
    pageRows,
    matchedRows: () => matched.flatMap((i) => rows[i] ?? []),
  }
}
