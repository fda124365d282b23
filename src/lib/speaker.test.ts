import { expect, test } from 'vitest'
import { speakerLabel, speakerOf } from './speaker.ts'

test('names perform.chat roles as the dashboard reader knows them', () => {
  expect(speakerLabel('user')).toBe('Customer')
  expect(speakerLabel('assistant')).toBe('Agent')
  expect(speakerLabel('system')).toBe('System')
  expect(speakerLabel(null)).toBe('Unknown sender')
  expect([speakerOf('user'), speakerOf('assistant'), speakerOf('tool')]).toEqual([
    'customer',
    'agent',
    'other',
  ])
})
