import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type KeyboardEvent } from 'react'
import type { CustomerUser } from '../../lib/contract.ts'
import { customerDisplayName } from '../../lib/customer-name.ts'
import { customerQueries } from '../../lib/queries/customer-queries.ts'
import { useDraft } from '../../lib/use-draft.ts'
import { FILTER_MAX_LENGTH } from './list-url-state.ts'
import { useFilterTyping } from './use-filter-typing.ts'

const MAX_SUGGESTIONS = 8
const NONE: readonly CustomerUser[] = []

type Props = {
  value: string
  onChange: (value: string) => void
  /** Called with the text after a short pause in typing, before it is applied. */
  onPreview?: (value: string) => void
}

/**
 * `Customer`: filters as the user types (id, name or email) and, following the ARIA 1.2
 * combobox pattern, suggests the server's best matches for the applied (debounced) text;
 * picking one filters by that customer's id. A pause in typing already asks for the
 * typed text's suggestions and (`onPreview`) its rows, as the search fields do.
 */
export function CustomerCombobox({ value, onChange, onPreview }: Props) {
  const client = useQueryClient()
  const id = useId()
  const listId = `${id}-list`
  const [draft, setDraft] = useDraft(value)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const typing = useFilterTyping()
  const needle = value.trim()
  const found = useQuery({ ...customerQueries.search(needle), enabled: open && needle !== '' })
  const suggestions = open && needle !== '' ? (found.data ?? NONE).slice(0, MAX_SUGGESTIONS) : NONE
  const expanded = suggestions.length > 0

  function close() {
    setOpen(false)
    setActive(-1)
  }

  function pick(customer: CustomerUser) {
    typing.cancel()
    setDraft(customer.id)
    close()
    onChange(customer.id)
  }

  function type(next: string) {
    setDraft(next)
    setOpen(true)
    setActive(-1)
    const preview = () => {
      const typed = next.trim()
      if (typed !== '') client.query(customerQueries.search(typed)).catch(() => undefined)
      onPreview?.(next)
    }
    typing.typed(preview, () => onChange(next))
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open) return setOpen(true)
      if (count === 0) return
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current) =>
        current === -1 ? (step > 0 ? 0 : count - 1) : (current + step + count) % count,
      )
    } else if (event.key === 'Enter') {
      const chosen = suggestions[active]
      if (expanded && chosen) {
        event.preventDefault()
        pick(chosen)
      } else {
        typing.flush()
        close()
      }
    } else if (event.key === 'Escape') {
      event.preventDefault()
      if (expanded) return close()
      typing.cancel()
      setDraft('')
      onChange('')
    }
  }

  return (
    <div className="field combobox">
      <label htmlFor={id}>Customer</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        value={draft}
        maxLength={FILTER_MAX_LENGTH}
        placeholder="Name, email or id"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => type(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <ul id={listId} role="listbox" aria-label="Suggestions" hidden={!expanded}>
        {suggestions.map((customer, index) => (
          <li
            key={customer.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // Keep focus in the input, so picking does not blur and close first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(customer)}
          >
            <SuggestionText customer={customer} />
          </li>
        ))}
      </ul>
    </div>
  )
}

function SuggestionText({ customer }: { customer: CustomerUser }) {
  const name = customerDisplayName(customer, customer.id)
  const email = customer.email?.trim()
  return (
    <>
      <span className="option-name">{name}</span>
      {email && email !== name && <span className="option-detail">{email}</span>}
    </>
  )
}
