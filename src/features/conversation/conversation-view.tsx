import { usePrefetchInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from 'react'
import { ConversationMeta } from './conversation-meta.tsx'
import { conversationQueries } from '../../lib/queries/conversation-queries.ts'
import { ApiRequestError } from '../../lib/api-error.ts'
import { isPlainClick } from '../../lib/plain-click.ts'
import { Transcript } from './transcript.tsx'
import { closeConversation, listHref, useEscapeToClose } from './use-close-conversation.ts'
import './conversation-view.css'

/** The page at `/conversations/:id`: heading, metadata and the whole transcript. */
export function ConversationView({ id }: { id: string }) {
  // A new id is a new page: fresh focus handling and no leftovers from the last one.
  return <ConversationScreen key={id} id={id} />
}

function ConversationScreen({ id }: { id: string }) {
  useEscapeToClose()
  const conversation = useQuery(conversationQueries.detail(id))
  // Start the first page of messages alongside the conversation rather than after it.
  usePrefetchInfiniteQuery(conversationQueries.messages(id))
  const { data, error } = conversation

  if (data) {
    const untitled = !data.title?.trim()
    return (
      <Frame heading={untitled ? 'Untitled conversation' : (data.title ?? '')} untitled={untitled}>
        <ConversationMeta conversation={data} />
        <Transcript conversationId={id} />
      </Frame>
    )
  }
  if (error instanceof ApiRequestError && error.status === 404) {
    return (
      <Frame heading="Conversation not found">
        <div className="conversation__notice">
          <p>
            No conversation has the id <code>{id}</code>. It may have been deleted, or the link may
            be incomplete.
          </p>
          <a href={listHref()} onClick={followToList} className="button button-accent">
            Back to conversations
          </a>
        </div>
      </Frame>
    )
  }
  if (error) {
    return (
      <Frame heading="Conversation unavailable">
        <div role="alert" className="conversation__notice conversation__notice--error">
          <p>
            <strong>This conversation could not be loaded.</strong> {error.message}
          </p>
          <button type="button" className="button" onClick={() => void conversation.refetch()}>
            Retry
          </button>
        </div>
      </Frame>
    )
  }
  return <Frame heading={null} />
}

function followToList(event: MouseEvent) {
  if (!isPlainClick(event)) return
  event.preventDefault()
  closeConversation()
}

type FrameProps = { heading: string | null; untitled?: boolean; children?: ReactNode }

/** The region, its heading and Close; `heading: null` is the loading skeleton. */
function Frame({ heading, untitled = false, children }: FrameProps) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    const previous = document.title
    return () => {
      document.title = previous
    }
  }, [])

  useEffect(() => {
    if (heading === null) return
    document.title = `${heading} · perform.chat`
    // Announce the page by focusing its heading, unless the reader already moved on.
    const active = document.activeElement
    if (active === null || active === document.body) headingRef.current?.focus()
  }, [heading])

  return (
    <main className="conversation-page">
      <section className="conversation" aria-labelledby={headingId} aria-busy={heading === null}>
        <header className="conversation__header">
          <h1
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            dir="auto"
            className={
              untitled ? 'conversation__title conversation__title--untitled' : 'conversation__title'
            }
          >
            {heading ?? (
              <>
                <span className="visually-hidden">Loading conversation…</span>
                <span
                  className="conversation-skeleton conversation-skeleton--title"
                  aria-hidden="true"
                />
              </>
            )}
          </h1>
          <button type="button" className="button conversation__close" onClick={closeConversation}>
            <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
              <path
                d="M4 4l8 8M12 4l-8 8"
                stroke="currentColor"
                strokeWidth="1.75"
                strokeLinecap="round"
              />
            </svg>
            Close
          </button>
        </header>
        {heading === null ? <Skeleton /> : children}
      </section>
    </main>
  )
}

function Skeleton() {
  return (
    <div className="conversation__skeleton" aria-hidden="true">
      <div className="conversation-skeleton conversation-skeleton--meta" />
      <div className="conversation-skeleton" />
      <div className="conversation-skeleton conversation-skeleton--right" />
      <div className="conversation-skeleton" />
    </div>
  )
}
