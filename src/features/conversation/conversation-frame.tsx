import { useEffect, useLayoutEffect, useId, useRef, type ReactNode } from 'react'
import { isEditable } from '../../lib/editable.ts'
import { closeConversation } from './use-close-conversation.ts'

/** `page`: the whole page at `/conversations/:id`; `pane`: beside the list, which stays. */
export type ConversationLayout = 'page' | 'pane'

type ConversationFrameProps = {
  layout: ConversationLayout
  heading: string | null
  untitled?: boolean
  children?: ReactNode
}

/** The region, its heading and Close; `heading: null` is the loading skeleton. */
export function ConversationFrame({
  layout,
  heading,
  untitled = false,
  children,
}: ConversationFrameProps) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const regionRef = useRef<HTMLElement>(null)
  const focused = useRef(false)

  useEffect(() => {
    const previous = document.title
    return () => {
      document.title = previous
    }
  }, [])

  // A layout effect: the heading has focus in the very frame it appears (and a test that
  // finds the region finds it focused; with a passive effect it once found the clicked
  // title still focused on a loaded machine).
  useLayoutEffect(() => {
    if (heading === null) return
    document.title = `${heading} · perform.chat`
    if (focused.current) return
    focused.current = true
    // Announce the conversation by focusing its heading, unless the reader already moved
    // on: within it, or (beside the list) to a field being typed in. A row of the list
    // that opened it hands focus over.
    const active = document.activeElement
    const idle = active === null || active === document.body
    const beside = layout === 'pane' && !regionRef.current?.contains(active) && !isEditable(active)
    if (idle || beside) headingRef.current?.focus({ preventScroll: layout === 'pane' })
  }, [heading, layout])

  const region = (
    <section
      ref={regionRef}
      className={`conversation conversation--${layout}`}
      aria-labelledby={headingId}
      aria-busy={heading === null}
    >
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
  )
  // Beside the list, the page's `main` holds both.
  return layout === 'pane' ? region : <main className="conversation-page">{region}</main>
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
