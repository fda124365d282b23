import type { MouseEvent } from 'react'
import type { ConversationRow } from '../../lib/contract.ts'
import { customerDisplayName } from '../../lib/customer-name.ts'
import { navigate } from '../../lib/router.ts'
import { parseTime } from '../../lib/format-time.ts'
import { formatDateTime, formatDuration } from './format.ts'
import { isPlainClick } from '../../lib/plain-click.ts'
import { formatCount } from '../../lib/text.ts'

/** Customer, dates, size and span of a conversation, as a description list. */
export function ConversationMeta({ conversation }: { conversation: ConversationRow }) {
  const created = parseTime(conversation.created_at)
  const updated = parseTime(conversation.updated_at)
  const count = conversation.message_count
  return (
    <dl className="conversation__meta">
      <div className="conversation__meta-item conversation__meta-item--wide">
        <dt>Customer</dt>
        <dd>
          <CustomerLink conversation={conversation} />
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
        <dd>{count == null ? 'Unknown' : formatCount(count)}</dd>
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

/** The customer by the one display-name rule, linking to the list of their conversations. */
function CustomerLink({ conversation }: { conversation: ConversationRow }) {
  const id = conversation.customer_user_id
  if (!id) return <>Unknown customer</>
  const name = customerDisplayName(
    { name: conversation.customer_name, email: conversation.customer_email },
    id,
  )
  const email = conversation.customer_email?.trim()
  const href = '/?' + new URLSearchParams({ customer: id }).toString()
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(event)) return
    event.preventDefault()
    navigate(href)
  }
  return (
    <span className="conversation-customer">
      <a
        href={href}
        onClick={follow}
        className="conversation-customer__link"
        title="Show this customer's conversations"
      >
        {name ?? id}
      </a>
      {email && email !== name ? (
        <span className="conversation-customer__email">{email}</span>
      ) : null}
      {name !== id ? <span className="conversation-customer__id">{id}</span> : null}
    </span>
  )
}
