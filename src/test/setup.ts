import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach, vi } from 'vitest'
import { writeHistory } from '../lib/router.ts'

afterEach(() => {
  vi.unstubAllGlobals()
  cleanup()
  // A URL change the screen showed is in the History API before the next test sets its own.
  writeHistory()
})
