import { RelativeTime } from '../../components/relative-time.tsx'
import { formatCount } from '../../lib/text.ts'

type Props = { asOf: string | null; pending: number; onShow: () => void }

/** How old the list is, and how many of its conversations a newer read would change. */
export function ListFreshness({ asOf, pending, onShow }: Props) {
  return (
    <div className="freshness">
      {pending > 0 && (
        <span className="pending">
          {`${formatCount(pending)} new or updated`}
          <button type="button" className="button button-accent" onClick={onShow}>
            Show
          </button>
        </span>
      )}
      {asOf && (
        <span className="as-of">
          as of <RelativeTime value={asOf} />
        </span>
      )}
    </div>
  )
}
