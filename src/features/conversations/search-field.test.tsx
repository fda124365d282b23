import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { FILTER_DEBOUNCE_MS, PREVIEW_PAUSE_MS } from './filter-timing.ts'
import { SearchField } from './search-field.tsx'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** A Search titles field with spies, typed into one text after another without a pause. */
function renderField() {
  const onChange = vi.fn<(value: string) => void>()
  const onPreview = vi.fn<(value: string) => void>()
  render(
    <SearchField
      label="Search titles"
      placeholder="Words in the title"
      value=""
      onChange={onChange}
      onPreview={onPreview}
    />,
  )
  const input = screen.getByRole('textbox', { name: 'Search titles' })
  const type = (...texts: string[]) => {
    for (const value of texts) fireEvent.change(input, { target: { value } })
  }
  return { onChange, onPreview, type, input }
}

test('a pause in typing previews the whole text, then the debounce applies it', async () => {
  const { onChange, onPreview, type } = renderField()
  type('r', 're', 'ref', 'refu', 'refun', 'refund')
  expect(onPreview).not.toHaveBeenCalled()

  await vi.advanceTimersByTimeAsync(PREVIEW_PAUSE_MS)
  expect(onPreview.mock.calls).toEqual([['refund']])
  expect(onChange).not.toHaveBeenCalled()

  await vi.advanceTimersByTimeAsync(FILTER_DEBOUNCE_MS - PREVIEW_PAUSE_MS)
  expect(onChange.mock.calls).toEqual([['refund']])
  expect(onPreview).toHaveBeenCalledTimes(1)
})

test('Enter applies at once and Escape clears: neither leaves a preview behind', async () => {
  const { onChange, onPreview, type, input } = renderField()
  type('r', 'refund')
  fireEvent.keyDown(input, { key: 'Enter' })
  expect(onChange.mock.calls).toEqual([['refund']])

  type('refundx')
  fireEvent.keyDown(input, { key: 'Escape' })
  expect(input).toHaveValue('')
  await vi.advanceTimersByTimeAsync(FILTER_DEBOUNCE_MS * 2)
  expect(onPreview).not.toHaveBeenCalled()
  expect(onChange.mock.calls).toEqual([['refund']])
})
