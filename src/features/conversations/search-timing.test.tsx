import { screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import { renderList } from '../../test/render-list.tsx'
import { conversationRow, gate, pageOf, stubApi } from '../../test/fake-api.ts'

const marks = (name: string) => performance.getEntriesByName(name, 'mark')

test("marks when a title search is applied and when the server's rows for it are painted", async () => {
  const answer = gate()
  stubApi({
    '/api/conversations': async (url) => {
      if (!url.searchParams.has('q')) {
        return pageOf([conversationRow('c1', 5), conversationRow('c2', 6)], url)
      }
      await answer.promise
      return pageOf([conversationRow('c1', 5, { title: 'Refund' })], url)
    },
  })
  const { user } = renderList()
  await screen.findByText('2 conversations')
  performance.clearMarks()
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'ref{Enter}')
  await waitFor(() => expect(marks('search-applied')).toHaveLength(1))
  expect(marks('search-painted')).toHaveLength(0)

  answer.open()
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  await waitFor(() => expect(marks('search-painted')).toHaveLength(1))
  expect(marks('search-applied')).toHaveLength(1)
  const [applied, painted] = [marks('search-applied')[0], marks('search-painted')[0]]
  expect(painted?.startTime).toBeGreaterThanOrEqual(applied?.startTime ?? Infinity)
})
