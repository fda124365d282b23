import { useId } from 'react'
import { useDebounced } from '../../lib/use-debounced.ts'
import { useDraft } from '../../lib/use-draft.ts'
import { FILTER_MAX_LENGTH } from './list-url-state.ts'

export const FILTER_DEBOUNCE_MS = 150

type Props = {
  label: string
  placeholder: string
  value: string
  /** Called with a new text once typing pauses (or on Enter, or cleared by Escape). */
  onChange: (value: string) => void
}

/** A text filter of the list (`Search titles`, `Search messages`), applied while typing. */
export function SearchField({ label, placeholder, value, onChange }: Props) {
  const id = useId()
  const [draft, setDraft] = useDraft(value)
  const debounced = useDebounced(FILTER_DEBOUNCE_MS)

  function apply(next: string) {
    if (next !== value) onChange(next)
  }
  function change(next: string) {
    setDraft(next)
    debounced.schedule(() => apply(next))
  }

  return (
    <div className="field search-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={draft}
        maxLength={FILTER_MAX_LENGTH}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => change(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') debounced.flush()
          if (event.key === 'Escape' && draft) {
            event.preventDefault()
            debounced.cancel()
            setDraft('')
            apply('')
          }
        }}
      />
    </div>
  )
}
