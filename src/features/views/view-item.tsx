import type { MouseEvent } from 'react'
import type { View } from '../../lib/contract.ts'
import { isPlainClick } from '../../lib/plain-click.ts'
import { navigate } from '../../lib/router.ts'
import { countLabel, formatCount } from '../../lib/text.ts'
import { viewSearch } from './view-link.ts'

type Props = {
  view: View
  /** The list shows this view now. */
  current: boolean
  onRename: () => void
  onDelete: () => void
}

/** One saved view: a link that opens it (the URL is its state), its count, and its actions. */
export function ViewItem({ view, current, onRename, onDelete }: Props) {
  const href = `/${viewSearch(view.query)}`
  // Said in full to screen readers (beginning with what is shown); the number alone is shown.
  const counted =
    view.count === null ? 'counting' : countLabel(view.count, 'conversation', 'conversations')
  function open(event: MouseEvent<HTMLAnchorElement>) {
    if (!isPlainClick(event)) return
    event.preventDefault()
    navigate(href)
  }
  return (
    <li className="view-item">
      <a
        className="view-link"
        href={href}
        aria-current={current ? 'page' : undefined}
        aria-label={`${view.name} ${counted}`}
        onClick={open}
      >
        <span className="view-name">{view.name}</span>{' '}
        {view.count === null ? (
          <span className="view-counting" title="Counting…" />
        ) : (
          <span className="view-count">{formatCount(view.count)}</span>
        )}
      </a>
      <button
        type="button"
        className="view-action"
        aria-label={`Rename view ${view.name}`}
        title="Rename"
        onClick={onRename}
      >
        <span aria-hidden="true">✎</span>
      </button>
      <button
        type="button"
        className="view-action"
        aria-label={`Delete view ${view.name}`}
        title="Delete"
        onClick={onDelete}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  )
}
