import { afterEach, expect, test } from 'vitest'
import { ViewListSchema, ViewSchema } from '../../src/lib/contract.ts'
import { startHarness, untilSynced, type Harness } from '../testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.close())

async function start() {
  harness = await startHarness({}, { conversations: 120 })
  await untilSynced(harness.services)
  return harness
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

test('a saved view is listed for everyone with the number of conversations it matches', async () => {
  const { app, mock } = await start()
  const id = mock.db.conversations.find((row) => row.customer_user_id)?.customer_user_id ?? ''
  const expected = mock.db.conversations.filter((row) => row.customer_user_id === id).length
  const created = await app.request(
    '/api/views',
    json({ name: 'One customer', query: { customer: id } }),
  )
  expect(created.status).toBe(201)
  expect(ViewSchema.parse(await created.json())).toMatchObject({ name: 'One customer' })
  const list = ViewListSchema.parse(await (await app.request('/api/views')).json())
  expect(list.data).toMatchObject([
    { name: 'One customer', query: { customer: id }, count: expected },
  ])
})

test.each([
  [{ name: '', query: {} }, 'name'],
  [{ name: '   ', query: {} }, 'name'],
  [{ name: 'x'.repeat(81), query: {} }, 'name'],
  [{ name: 'Bad sort', query: { sort: 'colour' } }, 'not valid'],
  [{ name: 'Extra', query: {}, admin: true }, 'not valid'],
])('%j is refused with a clear message and saves nothing', async (body, message) => {
  const { app } = await start()
  const answer = await app.request('/api/views', json(body))
  expect(answer.status).toBe(400)
  expect(await answer.text()).toContain(message)
  expect(ViewListSchema.parse(await (await app.request('/api/views')).json()).data).toEqual([])
})

test('a name already taken, in any case, is a 409; concurrent saves of one name keep one', async () => {
  const { app } = await start()
  const answers = await Promise.all(
    ['VIP', 'vip', 'Vip'].map((name) =>
      Promise.resolve(app.request('/api/views', json({ name, query: {} }))),
    ),
  )
  expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409])
  const conflict = answers.find((answer) => answer.status === 409)
  expect(await conflict?.json()).toMatchObject({ error: { code: 'name_taken' } })
  expect(ViewListSchema.parse(await (await app.request('/api/views')).json()).data).toHaveLength(1)
})

test('a body over 4 kB is refused', async () => {
  const { app } = await start()
  const answer = await app.request(
    '/api/views',
    json({ name: 'Big', query: { q: 'x'.repeat(5000) } }),
  )
  expect(answer.status).toBe(413)
})

test('a view is renamed and deleted; names are text, never HTML', async () => {
  const { app } = await start()
  const created = ViewSchema.parse(
    await (
      await app.request('/api/views', json({ name: '<b>Refunds</b>', query: { q: 'refund' } }))
    ).json(),
  )
  expect(created.name).toBe('<b>Refunds</b>')
  const renamed = await app.request(`/api/views/${created.id}`, {
    ...json({ name: 'Refunds' }),
    method: 'PATCH',
  })
  expect(ViewSchema.parse(await renamed.json()).name).toBe('Refunds')
  expect((await app.request(`/api/views/${created.id}`, { method: 'DELETE' })).status).toBe(204)
  expect((await app.request(`/api/views/${created.id}`, { method: 'DELETE' })).status).toBe(404)
  expect(ViewListSchema.parse(await (await app.request('/api/views')).json()).data).toEqual([])
})

test('activity counts conversations per day of creation in the given zone', async () => {
  const { app, mock } = await start()
  const answer = await app.request(
    '/api/conversations/activity?from=2000-01-01&to=2100-01-01&tz=UTC',
  )
  expect(answer.status).toBe(400)
  const created = mock.db.conversations
    .map((row) => row.created_at?.slice(0, 10))
    .filter((day): day is string => day !== undefined)
    .sort()
  const from = created[0] ?? ''
  const to = created.at(-1) ?? ''
  const first = await app.request(`/api/conversations/activity?from=${to}&to=${to}&tz=UTC`)
  const body = (await first.json()) as { days: { date: string; count: number }[]; total: number }
  expect(body.days).toEqual([{ date: to, count: created.filter((day) => day === to).length }])
  expect(from <= to).toBe(true)
  expect(
    (await app.request('/api/conversations/activity?from=2026-02-02&to=2026-02-01')).status,
  ).toBe(400)
  expect((await app.request('/api/conversations/activity?tz=Mars/Olympus')).status).toBe(400)
})

test('the created range filters the list, in the browser zone', async () => {
  const { app, mock } = await start()
  const day = mock.db.conversations.find((row) => row.created_at)?.created_at?.slice(0, 10) ?? ''
  const inDay = mock.db.conversations.filter((row) => row.created_at?.startsWith(day)).length
  const answer = await app.request(`/api/conversations?from=${day}&to=${day}&tz=UTC`)
  expect(((await answer.json()) as { pagination: { total: number } }).pagination.total).toBe(inDay)
  expect((await app.request('/api/conversations?from=2026-02-30')).status).toBe(400)
})
