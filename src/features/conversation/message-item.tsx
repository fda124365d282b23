import { useId, type Ref } from 'react'
import { MarkedText } from '../../components/marked-text.tsx'
import type { Message } from '../../lib/contract.ts'
import { formatExact, parseTime } from '../../lib/format-time.ts'
import { formatMessageTime } from './format.ts'
import type { Range } from './search-marks.ts'
import { speakerLabel, speakerOf } from '../../lib/speaker.ts'

type Props = {
  message: Message
  previousTime: number | undefined
  /** What the list's message search found in it, to mark; null when it does not match. */
  marks?: readonly Range[] | null
  ref?: Ref<HTMLLIElement>
}

/**
 * One bubble. Who spoke is in the article's name ("Customer 14:02") as well as in its
 * alignment and colour, so the transcript reads the same with a screen reader.
 */
export function MessageItem({ message, previousTime, marks = null, ref }: Props) {
  const speakerId = useId()
  const timeId = useId()
  const time = parseTime(message.created_at)
  return (
    <li
      ref={ref}
      className={`conversation-message conversation-message--${speakerOf(message.role)}`}
    >
      <article className="conversation-message__bubble" aria-labelledby={`${speakerId} ${timeId}`}>
        <header className="conversation-message__meta">
          <span id={speakerId} className="conversation-message__speaker">
            {speakerLabel(message.role)}
          </span>
          {time === undefined ? (
            <span id={timeId}>time unknown</span>
          ) : (
            <time id={timeId} dateTime={message.created_at ?? ''} title={formatExact(time)}>
              {formatMessageTime(time, previousTime)}
            </time>
          )}
        </header>
        {message.content ? (
          <p className="conversation-message__content" dir="auto">
            {marks ? <MarkedText text={message.content} marks={marks} /> : message.content}
          </p>
        ) : (
          <p className="conversation-message__content conversation-message__content--empty">
            (empty message)
          </p>
        )}
      </article>
    </li>
  )
}
