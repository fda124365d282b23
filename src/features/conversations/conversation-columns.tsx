import {
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table'
import { RelativeTime } from '../../components/relative-time.tsx'
import type { ConversationRow, SortColumn } from '../../lib/contract.ts'
import { CountCell, CustomerCell, TitleCell } from './conversation-cells.tsx'

/**
 * The table owns the sort and page state and renders one page; the server sorts, filters
 * and pages the whole mirror (manualSorting, manualPagination).
 */
export const features = tableFeatures({ rowSortingFeature, rowPaginationFeature })

/** A first click sorts numbers and dates newest/largest first, text A to Z (CONTRACT.md). */
const DESC_FIRST: Record<SortColumn, boolean> = {
  title: false,
  customer: false,
  message_count: true,
  created_at: true,
  updated_at: true,
}

const column = createColumnHelper<typeof features, ConversationRow>()

export const columns = column.columns([
  column.accessor('title', {
    header: 'Title',
    sortDescFirst: DESC_FIRST.title,
    cell: ({ row }) => <TitleCell conversation={row.original} />,
  }),
  column.accessor('customer_user_id', {
    id: 'customer',
    header: 'Customer',
    sortDescFirst: DESC_FIRST.customer,
    cell: ({ row }) => <CustomerCell conversation={row.original} />,
  }),
  column.accessor('message_count', {
    header: 'Messages',
    sortDescFirst: DESC_FIRST.message_count,
    cell: ({ row }) => <CountCell value={row.original.message_count} />,
  }),
  column.accessor('created_at', {
    header: 'Created',
    sortDescFirst: DESC_FIRST.created_at,
    cell: ({ row }) => <RelativeTime value={row.original.created_at} />,
  }),
  column.accessor('updated_at', {
    header: 'Last activity',
    sortDescFirst: DESC_FIRST.updated_at,
    cell: ({ row }) => <RelativeTime value={row.original.updated_at} />,
  }),
])
