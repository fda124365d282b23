import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { currentLocation, currentState, navigate, writeHistory } from './router.ts'

const shown = () => currentLocation().pathname + currentLocation().search
const written = () => window.location.pathname + window.location.search

beforeEach(() => {
  window.history.replaceState(null, '', '/')
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  writeHistory()
  vi.useRealTimers()
})

test('a replaced entry is shown at once and written to the History API a moment later', async () => {
  const replace = vi.spyOn(window.history, 'replaceState')
  const told = vi.fn()
  window.addEventListener('performchat:navigate', told)
  navigate('/?q=re', { replace: true, state: { fromList: '' } })
  navigate('/?q=refund', { replace: true, state: { fromList: '' } })
  window.removeEventListener('performchat:navigate', told)

  expect(told).toHaveBeenCalledTimes(2)
  expect(shown()).toBe('/?q=refund')
  expect(currentState()).toEqual({ fromList: '' })
  expect(written()).toBe('/')
  expect(replace).not.toHaveBeenCalled()

  await vi.advanceTimersByTimeAsync(100)
  expect(written()).toBe('/?q=refund')
  expect(window.history.state).toEqual({ fromList: '' })
  // Two changes in a row, one write.
  expect(replace).toHaveBeenCalledTimes(1)
  replace.mockRestore()
})

test('a pushed entry leaves the one before it with the URL it showed', async () => {
  const length = window.history.length
  navigate('/?q=refund', { replace: true })
  navigate('/conversations/c1?q=refund', { state: { fromList: '?q=refund' } })
  expect(written()).toBe('/conversations/c1?q=refund')
  expect(shown()).toBe(written())
  expect(window.history.length).toBe(length + 1)
  // The replaced entry was written before the push, so no late write lands on the new one.
  await vi.advanceTimersByTimeAsync(100)
  expect(written()).toBe('/conversations/c1?q=refund')
  expect(window.history.state).toEqual({ fromList: '?q=refund' })
})

test('leaving the page writes what it showed; Back drops what the entry left had not written', () => {
  navigate('/?q=refund', { replace: true })
  window.dispatchEvent(new Event('pagehide'))
  expect(written()).toBe('/?q=refund')

  navigate('/?q=refunds', { replace: true })
  window.dispatchEvent(new PopStateEvent('popstate'))
  expect(shown()).toBe('/?q=refund')
})
