import { MarkedText } from '../../components/marked-text.tsx'
import type { ConversationRow } from '../../lib/contract.ts'
import { speakerLabel, speakerOf } from '../../lib/speaker.ts'
import { fitSnippet } from './fit-snippet.ts'

/**
 * The line under a row's title: with a message search, a piece of a message that matches,
 * the searched words marked; otherwise who wrote the last message and its first line.
 * Until the conversation's messages are read, the line is there but empty, so nothing
 * moves when they arrive.
 */
export function MessagePreview({ conversation }: { conversation: ConversationRow }) {
  const { snippet, last_message: last } = conversation
  if (snippet) {
    const fitted = fitSnippet(snippet)
    return (
      <p className="row-preview" dir="auto">
        <MarkedText text={fitted.text} marks={fitted.marks} />
      </p>
    )
  }
  if (last) {
    return (
      <p className="row-preview">
        <span className={`preview-role preview-role-${speakerOf(last.role)}`}>
          {speakerLabel(last.role)}
        </span>{' '}
        <span dir="auto">{last.text}</span>
      </p>
    )
  }
  return <p className="row-preview" />
}
