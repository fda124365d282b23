// jsdom has no showModal: a stand-in that opens a <dialog> as the browser would (focus on
// its first field or button) and closes it with a `close` event.
import { onTestFinished } from 'vitest'

const FOCUSABLE = 'input, button, select, textarea, a[href], [tabindex]'

export function stubDialog() {
  const proto = HTMLDialogElement.prototype
  const own = {
    showModal: Object.getOwnPropertyDescriptor(proto, 'showModal'),
    close: Object.getOwnPropertyDescriptor(proto, 'close'),
  }
  Object.defineProperty(proto, 'showModal', {
    configurable: true,
    value(this: HTMLDialogElement) {
      this.setAttribute('open', '')
      this.querySelector<HTMLElement>(FOCUSABLE)?.focus()
    },
  })
  Object.defineProperty(proto, 'close', {
    configurable: true,
    value(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return
      this.removeAttribute('open')
      this.dispatchEvent(new Event('close'))
    },
  })
  onTestFinished(() => {
    for (const [name, descriptor] of Object.entries(own)) {
      if (descriptor) Object.defineProperty(proto, name, descriptor)
      else Reflect.deleteProperty(proto, name)
    }
  })
}
