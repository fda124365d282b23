import {
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table'
import { RelativeTime } from '../../components/relative-time.tsx'
import type { Conversation } from '../../lib/contract.ts'
import { CountCell, CustomerCell, TitleCell } from './conversation-cells.tsx'
import { DESC_FIRST } from './sort-rows.ts'

/**
 * The table owns the sort and page state and renders one page; the rows arrive already
 * sorted, filtered and sliced (manualSorting, manualPagination), because 100,000 rows
 * need keys precomputed once per snapshot to filter within a frame.
 */
export const features = tableFeatures({ rowSortingFeature, rowPaginationFeature })

const column = createColumnHelper<typeof features, Conversation>()

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
    cell: ({ row }) => <CustomerCell id={row.original.customer_user_id} />,
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
