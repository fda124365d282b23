import { screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import { listComplete, renderList } from '../../test/render-list.tsx'
import { conversation, ndjsonResponse, snapshotLines, stubApi } from '../../test/snapshot-fetch.ts'

const marks = (name: string) => performance.getEntriesByName(name, 'mark')

test('marks when a title search is applied and when its rows are painted, once each', async () => {
  stubApi({
    '/api/conversations/snapshot': () =>
      ndjsonResponse(snapshotLines([conversation('c1', 5, { title: 'Refund' })])),
  })
  const { user } = renderList()
  await listComplete()
  performance.clearMarks()
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'ref{Enter}')
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  await waitFor(() => expect(marks('search-painted')).toHaveLength(1))
  expect(marks('search-applied')).toHaveLength(1)
  const [applied, painted] = [marks('search-applied')[0], marks('search-painted')[0]]
  expect(painted?.startTime).toBeGreaterThanOrEqual(applied?.startTime ?? Infinity)
})
