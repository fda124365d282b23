import { render, screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { conversationRow } from '../../test/fake-api.ts'
import { MessagePreview } from './message-preview.tsx'

const line = () => screen.getByRole('paragraph')
const marked = () =>
  within(line())
    .queryAllByRole('mark')
    .map((mark) => mark.textContent)

test('names who wrote the last message, then its text', () => {
  const last = { role: 'assistant', text: 'Your parcel left today.', created_at: null }
  render(<MessagePreview conversation={conversationRow('c1', 5, { last_message: last })} />)
  expect(line()).toHaveTextContent('Agent Your parcel left today.')
  expect(within(line()).getByText('Agent')).toHaveClass('preview-role-agent')
})

test("calls the customer's messages the customer's, and an unknown role by its name", () => {
  const customer = { role: 'user', text: 'Where is it?', created_at: null }
  const { unmount } = render(
    <MessagePreview conversation={conversationRow('c1', 5, { last_message: customer })} />,
  )
  expect(line()).toHaveTextContent('Customer Where is it?')
  unmount()
  const system = { role: 'system', text: 'Chat transferred', created_at: null }
  render(<MessagePreview conversation={conversationRow('c1', 5, { last_message: system })} />)
  expect(line()).toHaveTextContent('System Chat transferred')
})

test('shows markup in a message as the characters it is', () => {
  const last = { role: 'user', text: '<img src=x onerror="alert(1)"> hi', created_at: null }
  render(<MessagePreview conversation={conversationRow('c1', 5, { last_message: last })} />)
  expect(line()).toHaveTextContent('<img src=x onerror="alert(1)"> hi')
  expect(line().querySelector('img')).toBeNull()
})

test('keeps an empty line in place until the messages are read', () => {
  render(<MessagePreview conversation={conversationRow('c1', 5, { last_message: null })} />)
  expect(line()).toBeEmptyDOMElement()
})

test('with a message search, shows the snippet instead, its matched words marked', () => {
  const last = { role: 'user', text: 'Thanks!', created_at: null }
  const snippet = { text: 'is my refund late again', marks: [[6, 12]] as [number, number][] }
  render(
    <MessagePreview conversation={conversationRow('c1', 5, { last_message: last, snippet })} />,
  )
  expect(line()).toHaveTextContent('is my refund late again')
  expect(line()).not.toHaveTextContent('Thanks!')
  expect(marked()).toEqual(['refund'])
})
