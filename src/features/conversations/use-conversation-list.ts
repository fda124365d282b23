import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { Conversation } from '../../lib/contract.ts'
import { conversationQueries } from '../../lib/queries/conversation-queries.ts'
import { customerQueries } from '../../lib/queries/customer-queries.ts'
import { customerName, EMPTY_CUSTOMER_INDEX, indexCustomers } from './customer-index.ts'
import { buildRowFilter, customerMatchSet, filterRows, searchIndex } from './filter-rows.ts'
import type { ListState } from './list-url-state.ts'
import { rowKeys } from './row-keys.ts'
import { createRowSorter } from './sort-rows.ts'
import { useShownSnapshot } from './use-shown-snapshot.ts'

const NO_ROWS: readonly Conversation[] = []

/**
 * Everything the list shows for one view of the URL. Work is staged so each input
 * redoes only its own part: search keys and each column's sort ranks once per snapshot,
 * the filter over the sorted positions, and only the current page becomes rows.
 */
export function useConversationList(state: ListState) {
  const conversations = useQuery(conversationQueries.snapshot())
  const customers = useQuery(customerQueries.snapshot())
  const customersMatter = state.sort.column === 'customer' || state.customer.trim() !== ''
  const shown = useShownSnapshot(
    { conversations: conversations.data, customers: customers.data },
    customersMatter,
  )
  const snapshot = shown.conversations
  const rows = snapshot?.rows ?? NO_ROWS

  const customerRows = shown.customers?.rows
  const customerIndex = useMemo(
    () => (customerRows ? indexCustomers(customerRows) : EMPTY_CUSTOMER_INDEX),
    [customerRows],
  )
  const keys = useMemo(() => rowKeys(rows), [rows])
  const sorter = useMemo(() => createRowSorter(rows), [rows])
  const sortCustomers = state.sort.column === 'customer' ? customerIndex : null
  const customerText = useMemo(
    () => (row: Conversation) =>
      row.customer_user_id
        ? customerName(sortCustomers?.byId.get(row.customer_user_id), row.customer_user_id)
        : null,
    [sortCustomers],
  )
  const order = useMemo(() => sorter(state.sort, customerText), [sorter, state.sort, customerText])

  // Not deferred (useDeferredValue): the debounce already keeps typing smooth, and a
  // deferred render would add a frame between the applied filter and the painted rows.
  const customerIds = useMemo(
    () => customerMatchSet(state.customer, customerIndex),
    [state.customer, customerIndex],
  )
  const filter = useMemo(
    () => buildRowFilter(state.q, state.customer, customerIds),
    [state.q, state.customer, customerIds],
  )
  const index = useMemo(() => searchIndex(keys), [keys])
  const matched = useMemo(
    () => filterRows(rows, order, index, keys, filter),
    [rows, order, index, keys, filter],
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
    customersPending: shown.customersPending,
    show: shown.show,
    done,
    /** The server's crawl saw the list move under it and could not confirm it read every row. */
    incomplete: done && !snapshot.complete,
    loadedCount: rows.length,
    matchedCount: matched.length,
    filtering: filter !== null,
    page,
    pageCount,
    pageRows,
    matchedRows: () => matched.flatMap((i) => rows[i] ?? []),
  }
}
