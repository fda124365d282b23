import type { MouseEvent } from 'react'
import { isPlainClick } from '../lib/plain-click.ts'
import { navigate } from '../lib/router.ts'

function home(event: MouseEvent<HTMLAnchorElement>) {
  if (!isPlainClick(event)) return
  event.preventDefault()
  navigate('/')
}

/** The product bar above every screen. */
export function AppHeader() {
  return (
    <div className="app-bar">
      <a className="brand" href="/" onClick={home}>
        <span className="brand-mark" aria-hidden="true" />
        perform.chat
        <span className="brand-product">Dashboard</span>
      </a>
    </div>
  )
}
