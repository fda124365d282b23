import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { openConversation, takeReturnFocus } from './list-navigation.ts'
import { stepConversation } from './reading-order.ts'
import { STEP_KEYS } from './use-reading-keys.ts'
import type { ConversationsTable as Table } from './use-conversations-table.ts'

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const
const NEXT_ROW: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 }

type Props = {
  table: Table
  /** Nothing has arrived yet: show the shape of the table instead of an empty one. */
  skeleton: boolean
  /** Rows a page holds: as many skeleton rows, so the rows arriving move nothing below them. */
  pageSize: number
  /** More rows are still arriving. */
  busy: boolean
  /** The conversation open beside the table, if any: its row is marked as the current one. */
  selectedId?: string | null
}

export function ConversationsTable({ table, skeleton, pageSize, busy, selectedId = null }: Props) {
  const client = useQueryClient()
  const rows = table.getRowModel().rows
  const ids = rows.map((row) => row.id)
  const rowElements = useRef(new Map<string, HTMLTableRowElement>())
  const [focusId, setFocusId] = useState<string | null>(null)
  // Roving tabindex: one row is in the tab order, the arrows move between rows.
  const tabStop = focusId !== null && ids.includes(focusId) ? focusId : ids[0]

  // Back from a conversation (the full-page view, or the pane closing): focus its row,
  // unless the reader has moved focus somewhere else meanwhile.
  const idsKey = ids.join('\n')
  const wasSelected = useRef<string | null>(null)
  useEffect(() => {
    if (selectedId !== null) {
      wasSelected.current = selectedId
      return
    }
    const shown = idsKey ? idsKey.split('\n') : []
    const closed = wasSelected.current
    wasSelected.current = null
    const id = takeReturnFocus(shown) ?? (closed !== null && shown.includes(closed) ? closed : null)
    const active = document.activeElement
    if (id && (active === null || active === document.body)) rowElements.current.get(id)?.focus()
  }, [idsKey, selectedId])

  // j or k may open a row on another page, or one scrolled out of view: show it, once.
  const shownSelection = useRef<string | null>(null)
  useEffect(() => {
    if (selectedId === null || shownSelection.current === selectedId) return
    const row = rowElements.current.get(selectedId)
    if (!row) return
    shownSelection.current = selectedId
    row.scrollIntoView({ block: 'nearest' })
  }, [idsKey, selectedId])

  function onRowClick(event: MouseEvent, id: string) {
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
    // Modified clicks on the title link are the browser's (a new tab or window).
    if (modified && event.target instanceof Element && event.target.closest('a')) return
    event.preventDefault()
    if (window.getSelection()?.toString()) return // selecting text is not opening
    openConversation(id)
  }

  function onRowKeyDown(event: KeyboardEvent, index: number, id: string) {
    if (event.metaKey || event.ctrlKey || event.altKey) return
    const move = NEXT_ROW[event.key]
    const step = STEP_KEYS[event.key]
    if (move !== undefined) {
      event.preventDefault()
      const next = ids[Math.min(Math.max(index + move, 0), ids.length - 1)]
      if (next) rowElements.current.get(next)?.focus()
    } else if (step !== undefined) {
      event.preventDefault()
      stepConversation(client, id, step)
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      openConversation(id)
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
          ? Array.from({ length: pageSize }, (_, i) => (
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
                aria-current={row.id === selectedId ? 'true' : undefined}
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
