import { downloadFile } from '../../lib/download.ts'

type Props = { ready: boolean; path: string }

/**
 * Downloads what the filters keep, in the table's order: the server streams the whole set.
 * Enabled once the mirror holds a complete list, so the file is never a partial one.
 */
export function ExportCsvButton({ ready, path }: Props) {
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
      onClick={() => downloadFile(path)}
    >
      Export CSV
    </button>
  )
}
