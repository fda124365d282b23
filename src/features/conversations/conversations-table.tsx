import { useQueryClient } from '@tanstack/react-query'
import { FlexRender } from '@tanstack/react-table'
import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react'
import { openConversation, takeReturnFocus } from './list-navigation.ts'
import { stepConversation } from './reading-order.ts'
import { STEP_KEYS } from './use-reading-keys.ts'
import type { ConversationsTable as Table } from './use-conversations-table.ts'

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const

type Row = ReturnType<Table['getRowModel']>['rows'][number]

/** What a row does; the same functions on every render, so an unchanged row is not redrawn. */
type RowActions = {
  register: (id: string, element: HTMLTableRowElement | null) => void
  focus: (id: string) => void
  click: (event: MouseEvent, id: string) => void
  keyDown: (event: KeyboardEvent<HTMLTableRowElement>, id: string) => void
}

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
  // The rows' elements by id, for focus and scrolling; one map for the table's life.
  const [rowElements] = useState(() => new Map<string, HTMLTableRowElement>())
  const [focusId, setFocusId] = useState<string | null>(null)
  const actions = useMemo(() => rowActions(client, rowElements, setFocusId), [client, rowElements])
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
    if (id && (active === null || active === document.body)) rowElements.get(id)?.focus()
  }, [idsKey, selectedId, rowElements])

  // j or k may open a row on another page, or one scrolled out of view: show it, once.
  const shownSelection = useRef<string | null>(null)
  useEffect(() => {
    if (selectedId === null || shownSelection.current === selectedId) return
    const row = rowElements.get(selectedId)
    if (!row) return
    shownSelection.current = selectedId
    row.scrollIntoView({ block: 'nearest' })
  }, [idsKey, selectedId, rowElements])

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
          : rows.map((row) => (
              <ConversationRowView
                key={row.id}
                row={row}
                tabbable={row.id === tabStop}
                current={row.id === selectedId}
                actions={actions}
              />
            ))}
      </tbody>
    </table>
  )
}

/**
 * One row. A status pushed while the list loads re-renders the page around the table
 * several times a second; an unchanged row is skipped (the same row object from the
 * table's row model, the same flags and actions), not drawn again with its five cells. Its
 * relative times follow the shared clock by themselves.
 */
const ConversationRowView = memo(function ConversationRowView({
  row,
  tabbable,
  current,
  actions,
}: {
  row: Row
  tabbable: boolean
  current: boolean
  actions: RowActions
}) {
  const { id } = row
  return (
    <tr
      ref={(element) => actions.register(id, element)}
      tabIndex={tabbable ? 0 : -1}
      aria-current={current ? 'true' : undefined}
      onFocus={() => actions.focus(id)}
      onClick={(event) => actions.click(event, id)}
      onKeyDown={(event) => actions.keyDown(event, id)}
    >
      {row.getAllCells().map((cell) => (
        <td key={cell.id} className={`col-${cell.column.id}`}>
          <FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  )
})

function rowActions(
  client: ReturnType<typeof useQueryClient>,
  elements: Map<string, HTMLTableRowElement>,
  setFocusId: (id: string) => void,
): RowActions {
  return {
    register: (id, element) => {
      if (element) elements.set(id, element)
      else elements.delete(id)
    },
    focus: setFocusId,
    click(event, id) {
      const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
      // Modified clicks on the title link are the browser's (a new tab or window).
      if (modified && event.target instanceof Element && event.target.closest('a')) return
      event.preventDefault()
      if (window.getSelection()?.toString()) return // selecting text is not opening
      openConversation(id)
    },
    keyDown(event, id) {
      if (event.metaKey || event.ctrlKey || event.altKey) return
      const step = STEP_KEYS[event.key]
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        // The row beside it on the page; none past the first or the last.
        const row = event.currentTarget
        const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling
        if (next instanceof HTMLTableRowElement) next.focus()
      } else if (step !== undefined) {
        event.preventDefault()
        stepConversation(client, id, step)
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault()
        openConversation(id)
      }
    },
  }
}
