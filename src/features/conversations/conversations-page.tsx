import { useMemo } from 'react'
import { exportCsvPath } from '../../lib/list-query.ts'
import { countLabel } from '../../lib/text.ts'
import { ConversationsTable } from './conversations-table.tsx'
import { CustomerCombobox } from './customer-combobox.tsx'
import { EmptyState } from './empty-state.tsx'
import { ExportCsvButton } from './export-csv-button.tsx'
import { IncompleteNotice } from './incomplete-notice.tsx'
import { listAnnouncement } from './list-announcement.ts'
import { ListError } from './list-error.tsx'
import { ListFreshness } from './list-freshness.tsx'
import { changeList } from './list-navigation.ts'
import { parseListState } from './list-url-state.ts'
import { LoadProgress } from './load-progress.tsx'
import { PaginationBar } from './pagination-bar.tsx'
import { RateLimitStatus } from './rate-limit-status.tsx'
import { useSearchPaintedMark } from './search-timing.ts'
import { TitleSearch } from './title-search.tsx'
import { useConversationList } from './use-conversation-list.ts'
import { useConversationsTable } from './use-conversations-table.ts'

export function ConversationsPage({ location }: { location: URL }) {
  const state = useMemo(() => parseListState(location.search), [location.search])
  const list = useConversationList(state)
  const { status, loading, complete, settled, total } = list
  const table = useConversationsTable({
    rows: list.rows,
    rowCount: total,
    sort: state.sort,
    page: state.page,
    limit: state.limit,
  })
  const listError = list.list.error
  // The sync cannot go on: said while the list is still loading (later, the rows stand).
  const syncError = loading ? (status?.error ?? null) : null
  const error = listError ?? syncError
  const wait = loading && !error ? (status?.wait ?? null) : null
  const loaded = status?.loaded ?? 0
  const filtering = state.customer.trim() !== '' || state.q !== ''
  const noRowsYet = list.list.isPending || (loading && loaded === 0 && !filtering)
  useSearchPaintedMark(settled ? state.q : null)

  const clearFilters = () => changeList({ customer: '', q: '' }, 'push')

  return (
    <main className="list-page">
      <div className="list-head">
        <h1>Conversations</h1>
        <ListFreshness
          asOf={complete ? (status?.as_of ?? null) : null}
          pending={list.pending}
          onShow={() => void list.show()}
        />
      </div>

      <div className="panel">
        <div className="toolbar" role="search" aria-label="Filters">
          <CustomerCombobox
            value={state.customer}
            onChange={(customer) => changeList({ customer }, 'replace')}
          />
          <TitleSearch value={state.q} onChange={(q) => changeList({ q }, 'replace')} />
          <div className="toolbar-end">
            <ExportCsvButton ready={complete} path={exportCsvPath(list.view)} />
          </div>
        </div>

        <div className="summary">
          <p className="count">
            <span>{countLabel(total, 'conversation', 'conversations')}</span>
            {filtering && status && <span className="muted"> of {loaded.toLocaleString()}</span>}
            {loading && <span className="badge badge-muted">Partial</span>}
          </p>
          {loading && !syncError && <LoadProgress loaded={loaded} total={status?.total ?? null} />}
        </div>
        {wait && <RateLimitStatus seconds={wait.retry_after_seconds} since={list.statusAt} />}
        {complete && status?.possibly_incomplete && <IncompleteNotice />}
        {error && (
          <ListError message={error.message} retrying={list.list.isFetching} onRetry={list.retry} />
        )}
        {complete && status?.error && !listError && (
          <p className="notice notice-quiet">
            The list could not be refreshed from perform.chat ({status.error.message}); it shows
            what was read before.
          </p>
        )}

        <div className="table-wrap">
          <ConversationsTable
            table={table}
            skeleton={noRowsYet && !error}
            busy={loading || !settled}
          />
          {settled && total === 0 && !filtering && complete && <EmptyState kind="none" />}
          {settled && total === 0 && filtering && (
            <EmptyState kind="no-match" loading={loading} onClear={clearFilters} />
          )}
          {settled && loading && total > 0 && list.rows.length === 0 && (
            <p className="empty">Page {state.page} is not loaded yet; it shows once it arrives.</p>
          )}
        </div>

        <PaginationBar
          table={table}
          page={state.page}
          pageCount={list.pageCount}
          limit={state.limit}
        />
      </div>

      <div className="visually-hidden" aria-live="polite">
        {status &&
          listAnnouncement({
            loading,
            waiting: wait !== null,
            failed: error !== null,
            loaded,
            total: status.total,
            matched: total,
            filtering,
            incomplete: complete && status.possibly_incomplete,
          })}
      </div>
    </main>
  )
}
