import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { MouseEvent } from 'react'
import type { Conversation } from '../../lib/contract.ts'
import { navigate } from '../../lib/router.ts'
import { cachedCustomer, customerQueries } from '../../lib/queries/customer-queries.ts'
import { parseTime } from '../../lib/format-time.ts'
import { formatDateTime, formatDuration } from './format.ts'
import { isPlainClick } from '../../lib/plain-click.ts'

/** Customer, dates, size and span of a conversation, as a description list. */
export function ConversationMeta({ conversation }: { conversation: Conversation }) {
  const created = parseTime(conversation.created_at)
  const updated = parseTime(conversation.updated_at)
  const count = conversation.message_count
  return (
    <dl className="conversation__meta">
      <div className="conversation__meta-item conversation__meta-item--wide">
        <dt>Customer</dt>
        <dd>
          <CustomerLink id={conversation.customer_user_id} />
        </dd>
      </div>
      <div className="conversation__meta-item">
        <dt>Created</dt>
        <dd>
          <DateTime iso={conversation.created_at} time={created} />
        </dd>
      </div>
      <div className="conversation__meta-item">
        <dt>Last activity</dt>
        <dd>
          <DateTime iso={conversation.updated_at} time={updated} />
        </dd>
      </div>
      <div className="conversation__meta-item">
        <dt>Messages</dt>
        <dd>{count == null ? 'Unknown' : count.toLocaleString()}</dd>
      </div>
      <div className="conversation__meta-item">
        <dt>Duration</dt>
        <dd>
          {created === undefined || updated === undefined || updated < created
            ? 'Unknown'
            : formatDuration(updated - created)}
        </dd>
      </div>
    </dl>
  )
}

function DateTime({ iso, time }: { iso: string | null | undefined; time: number | undefined }) {
  if (!iso || time === undefined) return <>Unknown</>
  return <time dateTime={iso}>{formatDateTime(time)}</time>
}

function CustomerLink({ id }: { id: string | null | undefined }) {
  const client = useQueryClient()
  // Opened from the list, the customer is usually in its snapshot already: no wait, no request.
  const customer = useQuery({
    ...customerQueries.detail(id ?? ''),
    ...cachedCustomer(client, id ?? ''),
    enabled: Boolean(id),
  })
  if (!id) return <>Unknown customer</>
  const href = '/?' + new URLSearchParams({ customer: id }).toString()
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(event)) return
    event.preventDefault()
    navigate(href)
  }
  const name = customer.data?.name
  const email = customer.data?.email
  return (
    <span className="conversation-customer">
      <a
        href={href}
        onClick={follow}
        className="conversation-customer__link"
        title="Show this customer's conversations"
      >
        {name ?? email ?? id}
      </a>
      {name && email ? <span className="conversation-customer__email">{email}</span> : null}
      {name || email ? <span className="conversation-customer__id">{id}</span> : null}
    </span>
  )
}
