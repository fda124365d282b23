import { formatCount } from '../../lib/text.ts'

type Props = { loaded: number; total: number | null }

/** Shown only until the first complete list: a background refresh never brings it back. */
export function LoadProgress({ loaded, total }: Props) {
  const max = total === null ? null : Math.max(total, loaded)
  const percent = max ? Math.min(100, (loaded / max) * 100) : 0
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Loading conversations"
        aria-valuemin={0}
        aria-valuemax={max ?? undefined}
        aria-valuenow={max === null ? undefined : loaded}
        aria-valuetext={max === null ? 'Starting' : `${loaded} of ${max} loaded`}
        data-indeterminate={max === null || undefined}
      >
        <div
          className="progress-fill"
          style={max === null ? undefined : { transform: `scaleX(${percent / 100})` }}
        />
      </div>
      <span className="progress-text" aria-hidden="true">
        {max === null ? 'Connecting…' : `Loaded ${formatCount(loaded)} of ${formatCount(max)}`}
      </span>
    </div>
  )
}
