import { useId } from 'react'
import { isReversed } from '../../lib/calendar-day.ts'
import { useDebounced } from '../../lib/use-debounced.ts'
import { useDraft } from '../../lib/use-draft.ts'
import './created-range.css'

// Typing a year into a date input makes a valid date of every digit (0002, 0020, 0202):
// the range is applied once typing pauses, not at each.
export const RANGE_DEBOUNCE_MS = 300

type Change = { from: string } | { to: string }

type Props = {
  from: string
  to: string
  onChange: (change: Change) => void
}

type DayFieldProps = {
  label: string
  value: string
  min?: string
  max?: string
  /** The id of the note that says when the range is not applied. */
  noteId: string
  onChange: (value: string) => void
}

function DayField({ label, value, min, max, noteId, onChange }: DayFieldProps) {
  const id = useId()
  const [draft, setDraft] = useDraft(value)
  const debounced = useDebounced(RANGE_DEBOUNCE_MS)
  return (
    <div className="field day-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={draft}
        min={min || undefined}
        max={max || undefined}
        aria-describedby={noteId}
        onChange={(event) => {
          const next = event.target.value
          setDraft(next)
          debounced.schedule(() => {
            if (next !== value) onChange(next)
          })
        }}
        onBlur={debounced.flush}
        onKeyDown={(event) => {
          if (event.key === 'Enter') debounced.flush()
        }}
      />
    </div>
  )
}

/**
 * `Created from` and `Created to`: days in the browser's time zone, both included. A range
 * that ends before it begins is said here, and the list ignores it rather than failing.
 */
export function CreatedRangeFields({ from, to, onChange }: Props) {
  const noteId = useId()
  const reversed = isReversed(from, to)
  return (
    <div className="created-range" role="group" aria-label="Created">
      <DayField
        label="Created from"
        value={from}
        max={to}
        noteId={noteId}
        onChange={(day) => onChange({ from: day })}
      />
      <DayField
        label="Created to"
        value={to}
        min={from}
        noteId={noteId}
        onChange={(day) => onChange({ to: day })}
      />
      <p id={noteId} className="range-note" aria-live="polite">
        {reversed ? 'Created from is after Created to: the dates are not applied.' : ''}
      </p>
    </div>
  )
}
