import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, expect, onTestFinished, test, vi } from 'vitest'
import {
  message,
  messagesHandler,
  renderConversation,
  server,
  threeMessages,
} from './conversation-test-server.tsx'

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** jsdom has no scrollIntoView: a stand-in that records which elements were scrolled to. */
function spyOnScrollIntoView() {
  const scroll = vi.fn<(options?: ScrollIntoViewOptions) => void>()
  Object.defineProperty(Element.prototype, 'scrollIntoView', {
    value: scroll,
    configurable: true,
    writable: true,
  })
  onTestFinished(() => {
    Reflect.deleteProperty(Element.prototype, 'scrollIntoView')
  })
  return scroll
}

/** The frame the transcript scrolls in has passed. */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))

const marksIn = (element: HTMLElement) =>
  within(element)
    .queryAllByRole('mark')
    .map((mark) => mark.textContent)

const searched = [
  message('msg_1', 'user', 'Hello, I need help', '2025-03-10T09:00:00.000Z'),
  message('msg_2', 'user', 'My refund is not here', '2025-03-10T09:01:00.000Z'),
  message(
    'msg_3',
    'assistant',
    'Refunds can be LATE; your réfund is late.',
    '2025-03-10T09:02:00.000Z',
  ),
  message('msg_4', 'user', '<b>Late</b> again, refund me', '2025-03-10T09:03:00.000Z'),
]

test('marks the searched words in the messages that hold them all, and shows the first', async () => {
  const scroll = spyOnScrollIntoView()
  server.use(messagesHandler(searched))
  renderConversation(undefined, { search: '?text=REFUND+lat' })
  const articles = await screen.findAllByRole('article')
  expect(articles).toHaveLength(4)
  const [hello, refundOnly, both, markup] = articles

  expect(marksIn(hello ?? document.body)).toEqual([])
  // "refund" alone is not enough: the message must hold every word.
  expect(marksIn(refundOnly ?? document.body)).toEqual([])
  // Whole words for all but the last, which is a prefix; accents and case do not count.
  expect(marksIn(both ?? document.body)).toEqual(['LAT', 'réfund', 'lat'])
  expect(both).toHaveTextContent('Refunds can be LATE; your réfund is late.')
  expect(marksIn(markup ?? document.body)).toEqual(['Lat', 'refund'])
  expect(markup).toHaveTextContent('<b>Late</b> again, refund me')
  expect(markup?.querySelector('b')).toBeNull()

  await waitFor(() => expect(scroll).toHaveBeenCalledOnce())
  expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ block: 'center' }))
  expect(scroll.mock.contexts[0]).toContainElement(both ?? null)
})

test('marks nothing and scrolls nowhere without a message search', async () => {
  const scroll = spyOnScrollIntoView()
  server.use(messagesHandler(searched))
  renderConversation()
  const articles = await screen.findAllByRole('article')
  expect(articles.flatMap(marksIn)).toEqual([])
  await waitFor(() => expect(screen.getByRole('status')).toBeEmptyDOMElement())
  await nextFrame()
  expect(scroll).not.toHaveBeenCalled()
})

test('scrolls only once every page of the transcript is loaded', async () => {
  const scroll = spyOnScrollIntoView()
  const start = Date.parse('2025-03-10T09:00:00.000Z')
  const long = Array.from({ length: 150 }, (_, i) =>
    message(
      `msg_${String(i).padStart(3, '0')}`,
      'user',
      i === 20 || i === 120 ? `Refund ${i} arrived` : `Message ${i}`,
      new Date(start + i * 60_000).toISOString(),
    ),
  )
  let releasePageTwo = () => {}
  const pageTwo = new Promise<void>((resolve) => (releasePageTwo = resolve))
  server.use(
    messagesHandler(long, (url) => (url.searchParams.get('page') === '2' ? pageTwo : undefined)),
  )
  renderConversation(undefined, { search: '?text=refund' })
  expect(await screen.findByRole('status')).toHaveTextContent('Loading messages… (100 of 150)')
  expect(screen.getAllByRole('mark').map((mark) => mark.textContent)).toEqual(['Refund'])
  await nextFrame()
  expect(scroll).not.toHaveBeenCalled()

  releasePageTwo()
  await waitFor(() => expect(scroll).toHaveBeenCalledOnce())
  const target = scroll.mock.contexts[0] as Element
  expect(target).toHaveTextContent('Refund 20 arrived')
})

test('a search that no message matches marks nothing', async () => {
  const scroll = spyOnScrollIntoView()
  server.use(messagesHandler(threeMessages))
  renderConversation(undefined, { search: '?text=invoice' })
  const articles = await screen.findAllByRole('article')
  expect(articles.flatMap(marksIn)).toEqual([])
  await waitFor(() => expect(screen.getByRole('status')).toBeEmptyDOMElement())
  await nextFrame()
  expect(scroll).not.toHaveBeenCalled()
})
