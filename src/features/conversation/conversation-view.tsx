import { usePrefetchInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MouseEvent } from 'react'
import { ConversationFrame, type ConversationLayout } from './conversation-frame.tsx'
import { ConversationMeta } from './conversation-meta.tsx'
import { searchTextOf } from './conversation-route.ts'
import { conversationQueries, listedConversation } from '../../lib/queries/conversation-queries.ts'
import { ApiRequestError } from '../../lib/api-error.ts'
import { isPlainClick } from '../../lib/plain-click.ts'
import { useLocation } from '../../lib/router.ts'
import { Transcript } from './transcript.tsx'
import { closeConversation, listHref, useEscapeToClose } from './use-close-conversation.ts'
import './conversation-view.css'

type Props = { id: string; layout?: ConversationLayout }

/** A conversation: heading, metadata and the whole transcript, with Close. */
export function ConversationView({ id, layout = 'page' }: Props) {
  // A new id is a new conversation: fresh focus handling and no leftovers from the last one.
  return <ConversationScreen key={id} id={id} layout={layout} />
}

function ConversationScreen({ id, layout }: { id: string; layout: ConversationLayout }) {
  useEscapeToClose()
  const client = useQueryClient()
  const searchText = searchTextOf(useLocation().search)
  const conversation = useQuery({
    ...conversationQueries.detail(id),
    // Opened from the list, its row already holds the heading and the details: they show
    // at once, in place, while the conversation itself is asked for.
    placeholderData: () => listedConversation(client, id),
  })
  // Start the first page of messages alongside the conversation rather than after it.
  usePrefetchInfiniteQuery(conversationQueries.messages(id))
  const { data, error } = conversation
  const frame = { layout }

  if (data) {
    const untitled = !data.title?.trim()
    return (
      <ConversationFrame
        {...frame}
        heading={untitled ? 'Untitled conversation' : (data.title ?? '')}
        untitled={untitled}
      >
        <ConversationMeta conversation={data} />
        <Transcript conversationId={id} searchText={searchText} />
      </ConversationFrame>
    )
  }
  if (error instanceof ApiRequestError && error.status === 404) {
    return (
      <ConversationFrame {...frame} heading="Conversation not found">
        <div className="conversation__notice">
          <p>
            No conversation has the id <code>{id}</code>. It may have been deleted, or the link may
            be incomplete.
          </p>
          <a href={listHref()} onClick={followToList} className="button button-accent">
            Back to conversations
          </a>
        </div>
      </ConversationFrame>
    )
  }
  if (error) {
    return (
      <ConversationFrame {...frame} heading="Conversation unavailable">
        <div role="alert" className="conversation__notice conversation__notice--error">
          <p>
            <strong>This conversation could not be loaded.</strong> {error.message}
          </p>
          <button type="button" className="button" onClick={() => void conversation.refetch()}>
            Retry
          </button>
        </div>
      </ConversationFrame>
    )
  }
  return <ConversationFrame {...frame} heading={null} />
}

function followToList(event: MouseEvent) {
  if (!isPlainClick(event)) return
  event.preventDefault()
  closeConversation()
}
