import { formatCount } from '../../lib/text.ts'

type Props = { searched: number; total: number }

/**
 * Said during a message search while the messages of some conversations are not in the
 * mirror yet: what it finds is what has been read so far, and more may match later.
 */
export function MessageSearchStatus({ searched, total }: Props) {
  return (
    <p role="status" className="notice notice-quiet">
      {`Searched the messages of ${formatCount(searched)} of ${formatCount(total)} conversations so far; the rest are still being read.`}
    </p>
  )
}
