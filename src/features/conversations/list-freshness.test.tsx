import { screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import type { CustomerUser } from '../../lib/contract.ts'
import { columnTexts, listComplete, renderList } from '../../test/render-list.tsx'
import {
  conversation,
  customer,
  ndjsonResponse,
  snapshotLines,
  stubApi,
  type Line,
} from '../../test/snapshot-fetch.ts'

const customerColumn = () => columnTexts(1)

const rows = [
  conversation('c1', 10, { customer_user_id: 'cu_ada' }),
  conversation('c2', 20, { customer_user_id: 'cu_bob' }),
  conversation('c3', 30, { customer_user_id: 'cu_ada' }),
]
// Without emails, a Customer cell reads as the name alone.
const ada = customer('cu_ada', 'Ada Lovelace', null)

/** The list with a customer snapshot the test can change before refetching it. */
function stubWithCustomers(initial: CustomerUser[]) {
  let customers = initial
  stubApi({
    '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(rows)),
    '/api/customers/snapshot': () => ndjsonResponse(snapshotLines(customers)),
  })
  return (next: CustomerUser[]) => (customers = next)
}

test('says the list may be incomplete when the crawl could not confirm it, until a refresh is', async () => {
  const asOf = new Date().toISOString()
  const incomplete: Line[] = [
    { type: 'meta', total: 3, as_of: asOf, complete: false },
    { type: 'rows', rows },
    { type: 'end', complete: false, as_of: asOf },
  ]
  let calls = 0
  stubApi({
    '/api/conversations/snapshot': () =>
      ndjsonResponse(++calls === 1 ? incomplete : snapshotLines(rows)),
  })
  const { user } = renderList()
  await listComplete()
  expect(screen.getByText(/This list may be incomplete/)).toBeVisible()
  expect(screen.getByText(/conversations changed while it was being read/)).toBeVisible()
  expect(screen.getByText('3 conversations')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Refresh list' }))
  await waitFor(() => expect(screen.queryByText(/may be incomplete/)).not.toBeInTheDocument())
  expect(calls).toBe(2)
})

test('a complete list says nothing about being incomplete', async () => {
  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(rows)) })
  renderList()
  await listComplete()
  expect(screen.queryByText(/may be incomplete/)).not.toBeInTheDocument()
})

test('sorted by customer, renamed customers wait for Show instead of moving rows', async () => {
  const rename = stubWithCustomers([ada, customer('cu_bob', 'Bob Stone', null)])
  const { client, user } = renderList('/?sort=customer')
  await listComplete()
  await waitFor(() =>
    expect(customerColumn()).toEqual(['Ada Lovelace', 'Ada Lovelace', 'Bob Stone']),
  )

  rename([ada, customer('cu_bob', 'Aaron Bobson', null)])
  await client.refetchQueries({ queryKey: ['customers', 'snapshot'] })
  expect(await screen.findByText('Customer details updated')).toBeInTheDocument()
  expect(customerColumn()).toEqual(['Ada Lovelace', 'Ada Lovelace', 'Bob Stone'])

  await user.click(screen.getByRole('button', { name: 'Show' }))
  expect(customerColumn()).toEqual(['Aaron Bobson', 'Ada Lovelace', 'Ada Lovelace'])
  expect(screen.queryByText('Customer details updated')).not.toBeInTheDocument()
})

test('renamed customers show at once when the order and filters do not depend on them', async () => {
  const rename = stubWithCustomers([ada, customer('cu_bob', 'Bob Stone', null)])
  const { client } = renderList()
  await listComplete()
  await waitFor(() => expect(customerColumn()).toContain('Bob Stone'))

  rename([ada, customer('cu_bob', 'Robert Stone', null)])
  await client.refetchQueries({ queryKey: ['customers', 'snapshot'] })
  await waitFor(() =>
    expect(customerColumn()).toEqual(['Ada Lovelace', 'Robert Stone', 'Ada Lovelace']),
  )
  expect(screen.queryByRole('button', { name: 'Show' })).not.toBeInTheDocument()
})

test('a refresh that changes nothing is taken over without offering Show', async () => {
  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(rows)) })
  const { client } = renderList()
  await listComplete()
  await client.refetchQueries({ queryKey: ['conversations', 'snapshot'] })
  expect(screen.getByText('3 conversations')).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: 'Show' })).not.toBeInTheDocument()
  expect(screen.queryByText(/new or updated/)).not.toBeInTheDocument()
})
