import { expect, test } from 'vitest'
import { StoreError } from '../store-error.ts'
import { toStoreError } from './sqlite-errors.ts'

const sqliteFailure = (errcode: number) =>
  Object.assign(new Error('sqlite says no'), { code: 'ERR_SQLITE_ERROR', errcode })

test('an I/O error, whatever its extended code, becomes io_error naming the file', () => {
  // SQLITE_IOERR_WRITE = 10 | (3 << 8)
  const error = toStoreError(sqliteFailure(778), '/data/mirror.sqlite')
  expect(error).toBeInstanceOf(StoreError)
  expect(error).toMatchObject({ code: 'io_error' })
  expect(String(error)).toContain('/data/mirror.sqlite')
})

test('a full disk becomes disk_full, a damaged file corrupt', () => {
  expect(toStoreError(sqliteFailure(13), 'f')).toMatchObject({ code: 'disk_full' })
  expect(toStoreError(sqliteFailure(26), 'f')).toMatchObject({ code: 'corrupt' })
})

test('leaves other failures as they were', () => {
  const failure = sqliteFailure(1)
  expect(toStoreError(failure, 'f')).toBe(failure)
  expect(toStoreError('text', 'f')).toBe('text')
})
