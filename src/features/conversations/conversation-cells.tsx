import { use } from 'react'
import { MissingValue } from '../../components/missing-value.tsx'
import { useNow } from '../../lib/clock.ts'
import type { ConversationRow } from '../../lib/contract.ts'
import { customerDisplayName } from '../../lib/customer-name.ts'
import { conversationPath } from '../conversation/conversation-route.ts'
import { parseTime } from '../../lib/format-time.ts'
import { ListQueryString } from './list-query-string.ts'
import { MessagePreview } from './message-preview.tsx'
import { formatCount } from '../../lib/text.ts'

const HOUR = 3_600_000

/** perform.chat's own definition: a conversation updated within the last hour is active. */
function useIsActive(updatedAt: string | null | undefined): boolean {
  const now = useNow()
  const updated = parseTime(updatedAt)
  return updated !== undefined && now - updated < HOUR && updated - now < HOUR
}

/** The title (its own element, first), an Active badge, and a line of the messages beneath. */
export function TitleCell({ conversation }: { conversation: ConversationRow }) {
  const active = useIsActive(conversation.updated_at)
  const listQuery = use(ListQueryString)
  const title = conversation.title?.trim() ? conversation.title : null
  return (
    <div className="title-cell">
      <div className="title-line">
        {/* A real link, so a middle click or Ctrl+click opens the conversation in a new tab;
            the row itself is the keyboard stop. */}
        <a
          className="title-text"
          href={conversationPath(conversation.id, listQuery)}
          tabIndex={-1}
          title={title ?? undefined}
        >
          {title ?? <MissingValue what="No title" />}
        </a>
        {active && (
          <span className="badge" title="Updated within the last hour">
            <span className="badge-label">Active</span>
          </span>
        )}
      </div>
      <MessagePreview conversation={conversation} />
    </div>
  )
}

/** The customer by the one display-name rule, their email beneath when it is not the name. */
export function CustomerCell({ conversation }: { conversation: ConversationRow }) {
  const id = conversation.customer_user_id
  const customer = { name: conversation.customer_name, email: conversation.customer_email }
  const name = customerDisplayName(customer, id)
  if (name === null) return <MissingValue what="No customer" />
  const email = customer.email?.trim()
  return (
    <div className="customer-cell" title={id && id !== name ? `${name} · ${id}` : name}>
      <span className="customer-name">{name}</span>
      {email && email !== name && <span className="customer-email">{email}</span>}
    </div>
  )
}

export function CountCell({ value }: { value: number | null | undefined }) {
  return typeof value === 'number' ? <>{formatCount(value)}</> : <MissingValue />
}
