import { useMemo } from 'react'
import { countLabel } from '../../lib/text.ts'
import { CustomerIndexContext } from './conversation-cells.tsx'
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
  const { conversations, customers, snapshot, done } = list
  const table = useConversationsTable({
    rows: list.pageRows,
    rowCount: list.matchedCount,
    sort: state.sort,
    page: list.page,
    limit: state.limit,
  })
  const failed = conversations.error !== null
  const waitSeconds = done || failed ? null : (snapshot?.waitSeconds ?? null)
  const loading = !done && !failed
  useSearchPaintedMark(state.q)

  // Asked for by the reader, so shown at once, customers and conversations together.
  function refresh() {
    void Promise.all([customers.refetch(), conversations.refetch()]).then(([who, what]) => {
      if (what.data?.done) list.show({ conversations: what.data, customers: who.data })
    })
  }
  function retry() {
    if (customers.error) void customers.refetch()
    void conversations.refetch()
  }
  const clearFilters = () => changeList({ customer: '', q: '' }, 'push')

  return (
    <main className="list-page">
      <div className="list-head">
        <h1>Conversations</h1>
        <ListFreshness
          asOf={done ? (snapshot?.asOf ?? null) : null}
          pending={list.pending}
          customersPending={list.customersPending}
          refreshing={conversations.isFetching}
          onRefresh={refresh}
          onShow={() => list.show()}
        />
      </div>

      <div className="panel">
        <div className="toolbar" role="search" aria-label="Filters">
          <CustomerCombobox
            value={state.customer}
            customers={list.customerIndex}
            onChange={(customer) => changeList({ customer }, 'replace')}
          />
          <TitleSearch value={state.q} onChange={(q) => changeList({ q }, 'replace')} />
          <div className="toolbar-end">
            <ExportCsvButton ready={done} rows={list.matchedRows} />
          </div>
        </div>

        <div className="summary">
          <p className="count">
            <span>{countLabel(list.matchedCount, 'conversation', 'conversations')}</span>
            {list.filtering && (
              <span className="muted"> of {list.loadedCount.toLocaleString()}</span>
            )}
            {!done && (loading || list.loadedCount > 0) && (
              <span className="badge badge-muted">Partial</span>
            )}
          </p>
          {loading && <LoadProgress loaded={list.loadedCount} total={snapshot?.total ?? null} />}
        </div>
        {waitSeconds !== null && <RateLimitStatus seconds={waitSeconds} />}
        {list.incomplete && (
          <IncompleteNotice refreshing={conversations.isFetching} onRefresh={refresh} />
        )}
        {conversations.error && (
          <ListError
            message={conversations.error.message}
            retrying={conversations.isFetching}
            onRetry={retry}
          />
        )}
        {customers.error && !failed && (
          <p className="notice notice-quiet">
            Customer names could not be loaded, so customers show as ids ({customers.error.message}
            ).
          </p>
        )}

        <div className="table-wrap">
          <CustomerIndexContext value={list.customerIndex}>
            <ConversationsTable
              table={table}
              skeleton={loading && list.loadedCount === 0}
              busy={loading}
            />
          </CustomerIndexContext>
          {done && list.loadedCount === 0 && <EmptyState kind="none" />}
          {list.loadedCount > 0 && list.matchedCount === 0 && (
            <EmptyState kind="no-match" loading={!done} onClear={clearFilters} />
          )}
          {loading && list.matchedCount > 0 && list.pageRows.length === 0 && (
            <p className="empty">Page {list.page} is not loaded yet; it shows once it arrives.</p>
          )}
        </div>

        <PaginationBar
          table={table}
          page={list.page}
          pageCount={list.pageCount}
          limit={state.limit}
        />
      </div>

      <div className="visually-hidden" aria-live="polite">
        {listAnnouncement({
          loading,
          waiting: waitSeconds !== null,
          failed,
          loaded: list.loadedCount,
          total: snapshot?.total ?? null,
          matched: list.matchedCount,
          filtering: list.filtering,
          incomplete: list.incomplete,
        })}
      </div>
    </main>
  )
}
