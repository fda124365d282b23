import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { conversationPath } from '../conversation/conversation-route.ts'
import { openConversation, takeReturnFocus } from './list-navigation.ts'
import type { ConversationsTable as Table } from './use-conversations-table.ts'

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const
const NEXT_ROW: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }
const SKELETON_ROWS = Array.from({ length: 8 }, (_, i) => i)

type Props = {
  table: Table
  /** Nothing has arrived yet: show the shape of the table instead of an empty one. */
  skeleton: boolean
  /** More rows are still arriving. */
  busy: boolean
}

export function ConversationsTable({ table, skeleton, busy }: Props) {
  const rows = table.getRowModel().rows
  const ids = rows.map((row) => row.id)
  const rowElements = useRef(new Map<string, HTMLTableRowElement>())
  const [focusId, setFocusId] = useState<string | null>(null)
  // Roving tabindex: one row is in the tab order, arrows and j/k move between rows.
  const tabStop = focusId !== null && ids.includes(focusId) ? focusId : ids[0]

  const idsKey = ids.join('\n')
  useEffect(() => {
    const id = takeReturnFocus(idsKey ? idsKey.split('\n') : [])
    if (id) rowElements.current.get(id)?.focus()
  }, [idsKey])

  const open = (id: string) => openConversation(id, conversationPath(id))

  function onRowClick(event: MouseEvent, id: string) {
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
    // Modified clicks on the title link are the browser's (a new tab or window).
    if (modified && event.target instanceof Element && event.target.closest('a')) return
    event.preventDefault()
    if (window.getSelection()?.toString()) return // selecting text is not opening
    open(id)
  }

  function onRowKeyDown(event: KeyboardEvent, index: number, id: string) {
    if (event.metaKey || event.ctrlKey || event.altKey) return
    const step = NEXT_ROW[event.key]
    if (step !== undefined) {
      event.preventDefault()
      const next = ids[Math.min(Math.max(index + step, 0), ids.length - 1)]
      if (next) rowElements.current.get(next)?.focus()
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      open(id)
    }
  }

  return (
    <table className="conversations" aria-busy={busy}>
      <caption className="visually-hidden">Conversations</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted()
              return (
                <th
                  key={header.id}
                  scope="col"
                  className={`col-${header.column.id}`}
                  aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
                >
                  <button
                    type="button"
                    className="sort-button"
                    data-next={header.column.getNextSortingOrder()}
                    onClick={() => header.column.toggleSorting()}
                  >
                    <table.FlexRender header={header} />
                    <span className="sort-mark" aria-hidden="true" />
                  </button>
                </th>
              )
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {skeleton
          ? SKELETON_ROWS.map((i) => (
              <tr key={i} className="row-skeleton" aria-hidden="true">
                {table.getAllLeafColumns().map((column) => (
                  <td key={column.id} className={`col-${column.id}`}>
                    <span className="skeleton-bar" />
                  </td>
                ))}
              </tr>
            ))
          : rows.map((row, index) => (
              <tr
                key={row.id}
                ref={(element) => {
                  if (element) rowElements.current.set(row.id, element)
                  else rowElements.current.delete(row.id)
                }}
                tabIndex={row.id === tabStop ? 0 : -1}
                onFocus={() => setFocusId(row.id)}
                onClick={(event) => onRowClick(event, row.id)}
                onKeyDown={(event) => onRowKeyDown(event, index, row.id)}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
      </tbody>
    </table>
  )
}
