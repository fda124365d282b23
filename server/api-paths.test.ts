import { afterEach, expect, test } from 'vitest'
import { basic, startHarness, type Harness } from './testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.close())

const tricks = [
  '/api/..%2f..%2fetc%2fpasswd',
  '//api//conversations',
  '/api//conversations',
  '/api/conversations/%2e%2e',
  '/api/conversations/%2e%2e/messages',
  '/api/conversations/.%2e/customer-users',
  '/api/conversations/conv_1%2fmessages',
  '/api/conversations/conv_1%00',
  '/api/conversations/conv%201',
  '/api/conversations/%E2%80%AEconv_1',
  '/api/conversations/conv_1%3Fpage=2',
  '/api/conversations/conv_1/messages/..%2f..%2f..%2fcustomer-users',
  '/api/customer-users',
  '/api/conversations.json',
  '//conversations/conv_1',
]

test.each(tricks)('%s is a 404 or 400 that never reaches upstream', async (path) => {
  harness = await startHarness({}, { client: true })
  const response = await harness.app.request(path)
  expect([400, 404]).toContain(response.status)
  expect(await response.text()).not.toContain('<title>')
  expect(harness.mock.stats().requests).toBe(0)
})

test('encoded dot segments are resolved by the URL parser: a page path, never a file', async () => {
  harness = await startHarness({}, { client: true })
  const response = await harness.app.request('/api/%2e%2e/%2e%2e/etc/passwd')
  expect(await response.text()).not.toContain('root:')
  expect(harness.mock.stats().requests).toBe(0)
})

test.each([
  '/api/health/../conversations',
  '/api/health/..%2fconversations',
  '/api/health%2f..%2fconversations',
  '/api/health?/../conversations',
  '/api/./health/../ready',
])('%s does not slip past basic auth through the open health route', async (path) => {
  harness = await startHarness({ DASHBOARD_USER: 'u', DASHBOARD_PASSWORD: 'long-password' })
  const response = await harness.app.request(path)
  if (response.status === 200) expect(await response.json()).toEqual({ status: 'ok' })
  else expect(response.status).toBe(401)
  expect(harness.mock.stats().requests).toBe(0)
})

test('an encoded but valid id reaches upstream as that id', async () => {
  harness = await startHarness({ DASHBOARD_USER: 'u', DASHBOARD_PASSWORD: 'long-password' })
  const id = harness.mock.db.conversations[0]?.id ?? ''
  const encoded = id.replace(/./g, (char) => `%${char.charCodeAt(0).toString(16)}`)
  const response = await harness.app.request(`/api/conversations/${encoded}`, {
    headers: { Authorization: basic('u', 'long-password') },
  })
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ id })
})
