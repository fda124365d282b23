import { expect, test } from 'vitest'
import { conversationIdFromPath, conversationPath, searchTextOf } from './conversation-route.ts'

test('reads the id from a conversation path and nothing else', () => {
  expect(conversationIdFromPath('/conversations/conv_12')).toBe('conv_12')
  expect(conversationIdFromPath('/conversations/conv_12/')).toBe('conv_12')
  expect(conversationIdFromPath('/conversations/a%20b')).toBe('a b')
  expect(conversationIdFromPath('/conversations/%E0%A4%A')).toBe('%E0%A4%A')
  expect(conversationIdFromPath('/')).toBeNull()
  expect(conversationIdFromPath('/conversations/')).toBeNull()
  expect(conversationIdFromPath('/conversations/a/messages')).toBeNull()
})

test('builds a path that reads back as the same id', () => {
  expect(conversationIdFromPath(conversationPath('conv/../x y'))).toBe('conv/../x y')
})

test("carries the list's query string, so a link opens the list and the conversation", () => {
  expect(conversationPath('conv_1', '?page=2&text=refund+%26+late')).toBe(
    '/conversations/conv_1?page=2&text=refund+%26+late',
  )
  expect(conversationPath('conv_1')).toBe('/conversations/conv_1')
  expect(searchTextOf('?page=2&text=refund+%26+late')).toBe('refund & late')
  expect(searchTextOf('?q=refund')).toBe('')
})
