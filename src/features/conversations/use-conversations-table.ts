import {
  functionalUpdate,
  useTable,
  type PaginationState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table'
import { useMemo } from 'react'
import {
  PAGE_SIZES,
  SORT_COLUMNS,
  type ConversationRow,
  type Sort,
  type SortColumn,
} from '../../lib/contract.ts'
import { columns, features } from './conversation-columns.tsx'
import { changeList } from './list-navigation.ts'
import type { PageSize } from './list-url-state.ts'

const getRowId = (row: ConversationRow) => row.id
const isSortColumn = (id: string): id is SortColumn =>
  (SORT_COLUMNS as readonly string[]).includes(id)
const isPageSize = (n: number): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n)

type Options = {
  rows: readonly ConversationRow[]
  /** Null while a message search is being counted: Next works, Last waits for the count. */
  pageCount: number | null
  sort: Sort
  page: number
  limit: PageSize
}

/**
 * The table shows exactly the server's page (manual sorting and pagination; `pageCount`
 * follows the server's count). Its sort and page state are the URL's: every change goes through
 * the address bar, and the new URL asks the server for the new page.
 */
export function useConversationsTable({ rows, pageCount, sort, page, limit }: Options) {
  const sorting = useMemo<SortingState>(() => [{ id: sort.column, desc: sort.desc }], [sort])
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: page - 1, pageSize: limit }),
    [page, limit],
  )
  return useTable({
    features,
    columns,
    data: rows,
    getRowId,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    // -1 is TanStack Table's "unknown": a next page may exist, a last page is not known.
    pageCount: pageCount ?? -1,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0]
      if (next && isSortColumn(next.id)) {
        changeList({ sort: { column: next.id, desc: next.desc } }, 'push')
      }
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination)
      if (next.pageSize !== limit) {
        if (isPageSize(next.pageSize)) changeList({ limit: next.pageSize }, 'push')
      } else {
        changeList({ page: Math.max(1, next.pageIndex + 1) }, 'push')
      }
    },
  })
}

export type ConversationsTable = ReturnType<typeof useConversationsTable>
