import { useEffect, useEffectEvent, useId, useRef, type ReactNode, type RefObject } from 'react'

type Props = {
  title: string
  /** `alertdialog` for a confirmation. */
  role?: 'alertdialog'
  /** The id of what the dialog says, beside its title. */
  describedBy?: string
  /** Called when the dialog is to go: Escape, or the browser closing it. */
  onClose: () => void
  /** Where focus goes afterwards if what opened the dialog is gone (a deleted view's button). */
  returnFocus?: RefObject<HTMLElement | null>
  children: ReactNode
}

/**
 * A native modal `<dialog>` (showModal): the page behind is inert, Escape closes it, and
 * focus starts on its first field or button. It is open while mounted; when it goes,
 * focus returns to what was focused before.
 */
export function ModalDialog({ title, role, describedBy, onClose, returnFocus, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  const restoreFocus = useEffectEvent((opener: Element | null) => {
    const back = opener instanceof HTMLElement && opener.isConnected ? opener : returnFocus?.current
    back?.focus()
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement
    dialog.showModal()
    return () => {
      if (dialog.open) dialog.close()
      restoreFocus(opener)
    }
  }, [])

  return (
    <dialog
      ref={ref}
      className="modal"
      role={role}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onClose={(event) => {
        // A close that lands after the dialog was shown again (a remount) is not for it.
        if (!event.currentTarget.open) onClose()
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  )
}
