import { useId } from 'react'
import { useDebounced } from '../../lib/use-debounced.ts'
import { useDraft } from '../../lib/use-draft.ts'
import { FILTER_MAX_LENGTH } from './list-url-state.ts'
import { markSearchApplied } from './search-timing.ts'

export const FILTER_DEBOUNCE_MS = 150

type Props = { value: string; onChange: (value: string) => void }

/** `Search titles`, applied while typing (debounced), no Enter needed. */
export function TitleSearch({ value, onChange }: Props) {
  const id = useId()
  const [draft, setDraft] = useDraft(value)
  const debounced = useDebounced(FILTER_DEBOUNCE_MS)

  function apply(next: string) {
    if (next !== value) markSearchApplied()
    onChange(next)
  }
  function change(next: string) {
    setDraft(next)
    debounced.schedule(() => apply(next))
  }

  return (
    <div className="field">
      <label htmlFor={id}>Search titles</label>
      <input
        id={id}
        type="text"
        value={draft}
        maxLength={FILTER_MAX_LENGTH}
        placeholder="Words in the title"
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
