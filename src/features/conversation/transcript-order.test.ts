import { expect, test } from 'vitest'
import type { Message } from '../../lib/contract.ts'
import { orderMessages } from './transcript-order.ts'

const at = (id: string, created_at: string | null): Message => ({
  id,
  created_at,
  content: id,
  role: 'user',
  conversation_id: 'conv_1',
})

test('orders by created_at, then id, with undated messages last and duplicates once', () => {
  const pages = [
    { data: [at('b', '2025-01-01T10:00:00Z'), at('z', null), at('c', '2025-01-01T09:00:00Z')] },
    // The same instant written with an offset sorts by time, not by its text.
    { data: [at('a', '2025-01-01T11:00:00+01:00'), at('b', '2025-01-01T10:00:00Z')] },
  ]
  expect(orderMessages(pages).map((message) => message.id)).toEqual(['c', 'a', 'b', 'z'])
})
