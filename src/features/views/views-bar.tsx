import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import type { View } from '../../lib/contract.ts'
import { syncQueries } from '../../lib/queries/sync-queries.ts'
import { viewQueries } from '../../lib/queries/view-queries.ts'
import { useThrottled } from '../../lib/use-throttled.ts'
import type { ListState } from '../conversations/list-url-state.ts'
import { DeleteViewDialog } from './delete-view-dialog.tsx'
import { ViewItem } from './view-item.tsx'
import { currentSearch, viewQueryOf, viewSearch } from './view-link.ts'
import { ViewNameDialog } from './view-name-dialog.tsx'
import { createView, deleteView, renameView } from './views-api.ts'
import './views.css'

/** Counts follow the mirror, but need not move with every page the sync writes. */
const RECOUNT_MS = 2_000
const NO_VIEWS: readonly View[] = []

type Open = { kind: 'save' } | { kind: 'rename' | 'delete'; view: View } | null

/**
 * The `Views` navigation: the team's saved views, each a link with what it matches now,
 * and `Save view` for the list as it is. Narrow windows fold the links behind a button.
 */
export function ViewsBar({ state }: { state: ListState }) {
  const client = useQueryClient()
  const listId = useId()
  const saveButton = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState<Open>(null)
  const [expanded, setExpanded] = useState(false)
  const views = useQuery(viewQueries.list())
  const list = views.data ?? NO_VIEWS
  // The counts move with the mirror, and with the message sync for views that search
  // messages. Only that part of each pushed status is taken, so the bar renders when it
  // moves, not four times a second; with no view saved there is nothing to count.
  const searchesMessages = list.some((view) => Boolean(view.query.text))
  const countsOn = useQuery({
    ...syncQueries.status(),
    select: (status) =>
      status === null || list.length === 0
        ? null
        : `${status.version}:${searchesMessages ? (status.messages?.searched ?? 0) : 0}`,
  })
  const version = useThrottled(countsOn.data ?? null, RECOUNT_MS)
  const countedAt = useRef(version)
  useEffect(() => {
    const before = countedAt.current
    countedAt.current = version
    // The first version heard is the one the first read counted at.
    if (before === null || version === null || version === before) return
    // A read already on its way is not cut short: a cancelled request costs the server too.
    void client.invalidateQueries({ queryKey: viewQueries.all() }, { cancelRefetch: false })
  }, [client, version])
  const here = currentSearch(state)
  const close = () => setOpen(null)
  const reload = () => client.invalidateQueries({ queryKey: viewQueries.all() })
  const names = (except?: View) =>
    list.filter((view) => view.id !== except?.id).map((view) => view.name)

  return (
    <nav className="views" aria-label="Views" data-expanded={expanded}>
      <span className="views-label" aria-hidden="true">
        Views
      </span>
      <button
        type="button"
        className="button views-toggle"
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={() => setExpanded(!expanded)}
      >
        Views <span className="view-count">{list.length}</span>
      </button>
      <ul id={listId} className="views-list">
        {list.map((view) => (
          <ViewItem
            key={view.id}
            view={view}
            current={viewSearch(view.query) === here}
            onRename={() => setOpen({ kind: 'rename', view })}
            onDelete={() => setOpen({ kind: 'delete', view })}
          />
        ))}
        {views.isSuccess && list.length === 0 && (
          <li className="views-empty">None saved yet: Save view keeps this list for the team.</li>
        )}
        {views.isError && (
          <li className="views-empty">
            The views could not be loaded ({views.error.message}){' '}
            <button type="button" className="button" onClick={() => void views.refetch()}>
              Retry
            </button>
          </li>
        )}
      </ul>
      <button
        ref={saveButton}
        type="button"
        className="button views-save"
        onClick={() => setOpen({ kind: 'save' })}
      >
        Save view
      </button>

      {open?.kind === 'save' && (
        <ViewNameDialog
          title="Save view"
          intro="Keeps these filters, the sort and the rows per page under a name, for everyone using this dashboard."
          others={names()}
          save={async (name) => {
            await createView(name, viewQueryOf(state))
            await reload()
          }}
          onClose={close}
        />
      )}
      {open?.kind === 'rename' && (
        <ViewNameDialog
          title="Rename view"
          intro={`A new name for “${open.view.name}”, for everyone using this dashboard.`}
          initialName={open.view.name}
          others={names(open.view)}
          save={async (name) => {
            await renameView(open.view.id, name)
            await reload()
          }}
          onClose={close}
        />
      )}
      {open?.kind === 'delete' && (
        <DeleteViewDialog
          name={open.view.name}
          remove={async () => {
            await deleteView(open.view.id)
            await reload()
          }}
          onClose={close}
          returnFocus={saveButton}
        />
      )}
    </nav>
  )
}
