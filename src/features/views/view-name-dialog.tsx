import { useMutation } from '@tanstack/react-query'
import { useId, useRef, useState, type SubmitEvent } from 'react'
import { ModalDialog } from './modal-dialog.tsx'
import { nameProblem } from './view-name.ts'

type Props = {
  title: string
  /** What saving does, said under the title. */
  intro: string
  initialName?: string
  /** The other views' names: a name is unique among them, case-insensitively. */
  others: readonly string[]
  /** Stores the name; a refusal's message (a name taken meanwhile) is shown in the dialog. */
  save: (name: string) => Promise<unknown>
  onClose: () => void
}

/**
 * `Save view` and `Rename view`: a `Name` and `Save`. A name that cannot be saved (empty,
 * over 80 characters, taken) is said in the dialog, which stays open and saves nothing.
 */
export function ViewNameDialog(props: Props) {
  const { title, intro, initialName = '', others, save, onClose } = props
  const inputId = useId()
  const introId = useId()
  const problemId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [name, setName] = useState(initialName)
  const [problem, setProblem] = useState<string | null>(null)
  const mutation = useMutation({ mutationFn: save })

  const refuse = (message: string) => {
    setProblem(message)
    input.current?.focus()
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault()
    if (mutation.isPending) return
    const found = nameProblem(name, others)
    if (found !== null) return refuse(found)
    mutation.mutate(name.trim(), {
      onSuccess: onClose,
      onError: (error) => refuse(error.message),
    })
  }

  return (
    <ModalDialog title={title} describedBy={introId} onClose={onClose}>
      <form className="modal-form" onSubmit={submit} noValidate>
        <p id={introId} className="modal-text">
          {intro}
        </p>
        <div className="field">
          <label htmlFor={inputId}>Name</label>
          <input
            ref={input}
            id={inputId}
            type="text"
            value={name}
            autoComplete="off"
            aria-invalid={problem !== null}
            aria-describedby={problemId}
            onChange={(event) => {
              setName(event.target.value)
              setProblem(null)
            }}
          />
        </div>
        <p id={problemId} className="field-problem" aria-live="polite">
          {problem}
        </p>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-accent" aria-disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
