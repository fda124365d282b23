import { useId } from 'react'
import { useDraft } from '../../lib/use-draft.ts'
import { FILTER_MAX_LENGTH } from './list-url-state.ts'
import { useFilterTyping } from './use-filter-typing.ts'

type Props = {
  label: string
  placeholder: string
  value: string
  /** Called with a new text once typing pauses (or on Enter, or cleared by Escape). */
  onChange: (value: string) => void
  /** Called with the text after a short pause in typing, before it is applied. */
  onPreview?: (value: string) => void
}

/** A text filter of the list (`Search titles`, `Search messages`), applied while typing. */
export function SearchField({ label, placeholder, value, onChange, onPreview }: Props) {
  const id = useId()
  const [draft, setDraft] = useDraft(value)
  const typing = useFilterTyping()

  function apply(next: string) {
    if (next !== value) onChange(next)
  }
  function change(next: string) {
    setDraft(next)
    typing.typed(onPreview && (() => onPreview(next)), () => apply(next))
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
          if (event.key === 'Enter') typing.flush()
          if (event.key === 'Escape' && draft) {
            event.preventDefault()
            typing.cancel()
            setDraft('')
            apply('')
          }
        }}
      />
    </div>
  )
}
