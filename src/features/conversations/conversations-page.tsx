import { useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { exportCsvPath } from '../../lib/list-query.ts'
import { conversationQueries } from '../../lib/queries/conversation-queries.ts'
import { countLabel, formatCount } from '../../lib/text.ts'
import { ActivityButton, ActivityPanel } from '../activity/activity-panel.tsx'
import { CreatedRangeFields } from '../date-range/created-range-fields.tsx'
import { ViewsBar } from '../views/views-bar.tsx'
import { ConversationsTable } from './conversations-table.tsx'
import { CustomerCombobox } from './customer-combobox.tsx'
import { EmptyState } from './empty-state.tsx'
import { ExportCsvButton } from './export-csv-button.tsx'
import { IncompleteNotice } from './incomplete-notice.tsx'
import { listAnnouncement } from './list-announcement.ts'
import { ListError } from './list-error.tsx'
import { ListFreshness } from './list-freshness.tsx'
import { changeList, previewList } from './list-navigation.ts'
import { ListQueryString } from './list-query-string.ts'
import { apiView, listSearch, parseListState, type ListState } from './list-url-state.ts'
import { LoadProgress } from './load-progress.tsx'
import { MessageSearchStatus } from './message-search-status.tsx'
import { PaginationBar } from './pagination-bar.tsx'
import { RateLimitStatus } from './rate-limit-status.tsx'
import { SearchField } from './search-field.tsx'
import { markSearchApplied, useSearchPaintedMark } from './search-timing.ts'
import { MessageSearchCatchUp } from './message-search-catch-up.ts'
import { useConversationList } from './use-conversation-list.ts'
import { useConversationsTable } from './use-conversations-table.ts'
import { useReadingKeys } from './use-reading-keys.ts'

type Props = {
  /** The list's view is the URL's query string, also while a conversation is open beside it. */
  location: URL
  /** The conversation open beside the list, if any. */
  openId?: string | null
}

/** The list's screen; the app puts it in the page's `main`, beside the reading pane if wide. */
export function ConversationsPage({ location, openId = null }: Props) {
  const state = useMemo(() => parseListState(location.search), [location.search])
  const list = useConversationList(state)
  const { status, loading, complete, settled, total } = list
  const table = useConversationsTable({
    rows: list.rows,
    pageCount: list.pageCount,
    sort: state.sort,
    page: state.page,
    limit: state.limit,
  })
  const listError = list.error
  // The sync cannot go on: said while the list is still loading (later, the rows stand).
  const syncError = loading ? (status?.error ?? null) : null
  const error = listError ?? syncError
  const wait = loading && !error ? (status?.wait ?? null) : null
  const loaded = status?.loaded ?? 0
  const searching = list.view.text !== ''
  const ranged = list.view.from !== '' || list.view.to !== ''
  const filtering = state.customer.trim() !== '' || state.q !== '' || searching || ranged
  const noRowsYet = list.list.isPending || (loading && loaded === 0 && !filtering)
  const messages = searching ? status?.messages : undefined
  const readingMessages = messages !== undefined && messages.searched < messages.total
  useSearchPaintedMark(settled ? state.q : null)
  const client = useQueryClient()
  // A typed filter's rows are asked for at once, not after React has rendered the change.
  const prefetchList = (next: ListState) =>
    void client.query(conversationQueries.list(apiView(next))).catch(() => undefined)
  useReadingKeys()

  const [activityOpen, setActivityOpen] = useState(false)

  const clearFilters = () => changeList({ customer: '', q: '', text: '', from: '', to: '' }, 'push')

  return (
    <div className="list-page">
      <MessageSearchCatchUp />
      <div className="list-head">
        <h1>Conversations</h1>
        <ListFreshness
          asOf={complete ? (status?.as_of ?? null) : null}
          pending={list.pending}
          onShow={() => void list.show()}
        />
      </div>
      <ViewsBar state={state} />

      <div className="panel">
        <div className="toolbar" role="search" aria-label="Filters">
          <CustomerCombobox
            value={state.customer}
            onChange={(customer) => changeList({ customer }, 'replace', prefetchList)}
            onPreview={(customer) => previewList({ customer }, prefetchList)}
          />
          <SearchField
            label="Search titles"
            placeholder="Words in the title"
            value={state.q}
            onChange={(q) => {
              markSearchApplied()
              changeList({ q }, 'replace', prefetchList)
            }}
            onPreview={(q) => previewList({ q }, prefetchList)}
          />
          <SearchField
            label="Search messages"
            placeholder="Words in any message"
            value={state.text}
            onChange={(text) => changeList({ text }, 'replace', prefetchList)}
            onPreview={(text) => previewList({ text }, prefetchList)}
          />
          <CreatedRangeFields
            from={state.from}
            to={state.to}
            onChange={(range) => changeList(range, 'replace', prefetchList)}
          />
          <div className="toolbar-end">
            <ActivityButton open={activityOpen} onToggle={() => setActivityOpen(!activityOpen)} />
            <ExportCsvButton ready={complete} path={exportCsvPath(list.view)} />
          </div>
        </div>

        <div className="summary">
          <p className="count">
            {total === null ? (
              <span>Counting…</span>
            ) : (
              <span>{countLabel(total, 'conversation', 'conversations')}</span>
            )}
            {filtering && status && total !== null && (
              <span className="muted"> of {formatCount(loaded)}</span>
            )}
            {loading && <span className="badge badge-muted">Partial</span>}
          </p>
          {loading && !syncError && <LoadProgress loaded={loaded} total={status?.total ?? null} />}
        </div>
        {activityOpen && (
          <ActivityPanel filters={list.view} seen={list.list.data?.version ?? null} />
        )}
        {wait && <RateLimitStatus seconds={wait.retry_after_seconds} since={list.statusAt} />}
        {readingMessages && (
          <MessageSearchStatus searched={messages.searched} total={messages.total} />
        )}
        {complete && status?.possibly_incomplete && <IncompleteNotice />}
        {error && (
          <ListError message={error.message} retrying={list.retrying} onRetry={list.retry} />
        )}
        {complete && status?.error && !listError && (
          <p className="notice notice-quiet">
            The list could not be refreshed from perform.chat ({status.error.message}); it shows
            what was read before.
          </p>
        )}

        <div className="table-wrap">
          <ListQueryString value={listSearch(state)}>
            <ConversationsTable
              table={table}
              skeleton={noRowsYet && !error}
              pageSize={state.limit}
              busy={loading || !settled}
              selectedId={openId}
            />
          </ListQueryString>
          {settled && total === 0 && !filtering && complete && <EmptyState kind="none" />}
          {settled && total === 0 && filtering && (
            <EmptyState
              kind="no-match"
              loading={loading || readingMessages}
              onClear={clearFilters}
            />
          )}
          {settled && loading && total !== null && total > 0 && list.rows.length === 0 && (
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
    </div>
  )
}
