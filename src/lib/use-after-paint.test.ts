import { renderHook, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useAfterPaint } from './use-after-paint.ts'

test('passes a value on once a frame showing it has been painted, the one before until then', async () => {
  const seen: (string | undefined)[] = []
  const { result, rerender } = renderHook(
    ({ value }: { value: string }) => {
      const painted = useAfterPaint(value)
      seen.push(painted)
      return painted
    },
    { initialProps: { value: 'rows of "r"' } },
  )
  expect(result.current).toBeUndefined()
  await waitFor(() => expect(result.current).toBe('rows of "r"'))
  rerender({ value: 'rows of "re"' })
  expect(result.current).toBe('rows of "r"')
  // Replaced before its frame: never passed on.
  rerender({ value: 'rows of "ref"' })
  await waitFor(() => expect(result.current).toBe('rows of "ref"'))
  expect(seen).not.toContain('rows of "re"')
})
