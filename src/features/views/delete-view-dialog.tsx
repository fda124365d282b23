import { useMutation } from '@tanstack/react-query'
import { useId, type RefObject } from 'react'
import { ModalDialog } from './modal-dialog.tsx'

type Props = {
  name: string
  remove: () => Promise<unknown>
  onClose: () => void
  returnFocus?: RefObject<HTMLElement | null>
}

/** Asks before a view goes for the whole team; Cancel comes first and has the focus. */
export function DeleteViewDialog({ name, remove, onClose, returnFocus }: Props) {
  const textId = useId()
  const mutation = useMutation({ mutationFn: remove, onSuccess: onClose })
  return (
    <ModalDialog
      role="alertdialog"
      title={`Delete view “${name}”?`}
      describedBy={textId}
      onClose={onClose}
      returnFocus={returnFocus}
    >
      <p id={textId} className="modal-text">
        It goes for everyone using this dashboard. The conversations it shows stay.
      </p>
      {mutation.error && (
        <p className="field-problem" role="alert">
          {mutation.error.message}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate()}
        >
          Delete
        </button>
      </div>
    </ModalDialog>
  )
}
