import { useId } from 'react'
import { PAGE_SIZES } from '../../lib/contract.ts'
import type { PageSize } from './list-url-state.ts'
import type { ConversationsTable } from './use-conversations-table.ts'

type Props = {
  table: ConversationsTable
  page: number
  /** Null while a message search is being counted. */
  pageCount: number | null
  limit: PageSize
}

export function PaginationBar({ table, page, pageCount, limit }: Props) {
  const sizeId = useId()
  const back = table.getCanPreviousPage()
  const buttons = [
    { label: 'First page', glyph: '«', enabled: back, go: () => table.firstPage() },
    { label: 'Previous page', glyph: '‹', enabled: back, go: () => table.previousPage() },
    { label: 'Next page', glyph: '›', enabled: table.getCanNextPage(), go: () => table.nextPage() },
    { label: 'Last page', glyph: '»', enabled: table.getCanLastPage(), go: () => table.lastPage() },
  ]
  return (
    <nav className="pager" aria-label="Pages">
      <div className="page-size">
        <label htmlFor={sizeId}>Rows per page</label>
        <select
          id={sizeId}
          value={limit}
          onChange={(event) => table.setPageSize(Number(event.target.value))}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <span className="page-status">
        {pageCount === null ? `Page ${page}` : `Page ${page} of ${pageCount}`}
      </span>
      <div className="pager-buttons">
        {buttons.map(({ label, glyph, enabled, go }) => (
          <button
            key={label}
            type="button"
            className="button button-icon"
            aria-label={label}
            title={label}
            disabled={!enabled}
            onClick={go}
          >
            <span aria-hidden="true">{glyph}</span>
          </button>
        ))}
      </div>
    </nav>
  )
}
