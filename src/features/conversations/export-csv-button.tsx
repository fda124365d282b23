import type { Conversation } from '../../lib/contract.ts'
import { conversationsCsv, csvFileName } from '../../lib/csv.ts'
import { downloadText } from '../../lib/download.ts'

type Props = { ready: boolean; rows: () => readonly Conversation[] }

/** Downloads every conversation the filters keep, in table order; only once all are loaded. */
export function ExportCsvButton({ ready, rows }: Props) {
  return (
    <button
      type="button"
      className="button"
      disabled={!ready}
      title={
        ready
          ? 'Download what the filters keep, in this order'
          : 'Available once every conversation has loaded'
      }
      onClick={() =>
        downloadText(
          csvFileName('conversations', new Date()),
          conversationsCsv(rows()),
          'text/csv;charset=utf-8',
        )
      }
    >
      Export CSV
    </button>
  )
}
