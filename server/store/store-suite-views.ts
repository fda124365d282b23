// Store contract, saved views: saved, listed by name, renamed and deleted; a name taken in
// any case is refused, also when two saves of it race; names come back exactly as given;
// clearing the mirror keeps them.
import { expect, test } from 'vitest'
import { conversation } from './store-suite-fixtures.ts'
import type { OpenFresh } from './store-suite.ts'
import type { Store } from './store.ts'
import { StoreError } from './store-error.ts'

const names = async (store: Store) => (await store.listViews()).map((view) => view.name)

const conflictOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'saved',
    (error: unknown) => (error instanceof StoreError ? error.code : String(error)),
  )

export function describeStoreViews(fresh: OpenFresh): void {
  test('saves views with their query and lists them by name, case-insensitively', async () => {
    const store = await fresh()
    const refunds = await store.createView({
      name: 'refunds',
      query: { q: 'refund', sort: '-created_at', limit: 50 },
    })
    await store.createView({ name: 'Anna’s customers', query: { customer: 'anna' } })
    await store.createView({ name: 'Big', query: {} })
    expect(refunds).toEqual({
      id: refunds.id,
      name: 'refunds',
      query: { q: 'refund', sort: '-created_at', limit: 50 },
      created_at: refunds.created_at,
      updated_at: refunds.created_at,
    })
    expect(refunds.id).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect(new Date(refunds.created_at).toISOString()).toBe(refunds.created_at)
    expect(await names(store)).toEqual(['Anna’s customers', 'Big', 'refunds'])
    expect((await store.listViews()).find((view) => view.id === refunds.id)).toEqual(refunds)
  })

  test('renames a view, and deletes it once', async () => {
    const store = await fresh()
    const view = await store.createView({ name: 'Weekly', query: { from: '2024-01-01' } })
    await store.createView({ name: 'Monthly', query: {} })
    const renamed = await store.renameView(view.id, 'Daily')
    expect(renamed).toMatchObject({
      id: view.id,
      name: 'Daily',
      query: { from: '2024-01-01' },
      created_at: view.created_at,
    })
    expect(Date.parse(renamed?.updated_at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(view.created_at),
    )
    expect(await names(store)).toEqual(['Daily', 'Monthly'])
    expect(await store.renameView('no-such-view', 'Other')).toBeNull()
    expect(await store.deleteView(view.id)).toBe(true)
    expect(await store.deleteView(view.id)).toBe(false)
    expect(await names(store)).toEqual(['Monthly'])
  })

  test('refuses a name already taken in any case, saving and renaming', async () => {
    const store = await fresh()
    await store.createView({ name: 'Refunds', query: {} })
    const other = await store.createView({ name: 'Straße', query: {} })
    const taken = store.createView({ name: 'REFUNDS', query: { q: 'x' } })
    await expect(taken).rejects.toBeInstanceOf(StoreError)
    await expect(taken).rejects.toMatchObject({
      code: 'conflict',
      message: 'A view named “REFUNDS” already exists.',
    })
    expect(await conflictOf(store.createView({ name: 'STRASSE', query: {} }))).toBe('conflict')
    expect(await conflictOf(store.renameView(other.id, 'refunds'))).toBe('conflict')
    expect((await store.renameView(other.id, 'STRAßE'))?.name).toBe('STRAßE')
    expect(await names(store)).toEqual(['Refunds', 'STRAßE'])
  })

  test('two saves of one name at once keep one view and refuse the other', async () => {
    const store = await fresh()
    const outcomes = await Promise.all([
      conflictOf(store.createView({ name: 'Open tickets', query: { q: 'a' } })),
      conflictOf(store.createView({ name: 'open TICKETS', query: { q: 'b' } })),
    ])
    expect(outcomes.sort()).toEqual(['conflict', 'saved'])
    expect(await store.listViews()).toHaveLength(1)
  })

  test('keeps names exactly as given, markup and spaces included', async () => {
    const store = await fresh()
    const odd = ['<img src=x onerror=alert(1)>', '  Spaced  ', '"Quotes" & <b>bold</b>', '١٢٣ عربي']
    for (const name of odd) await store.createView({ name, query: { q: name } })
    const views = await store.listViews()
    expect(views.map((view) => view.name).sort()).toEqual([...odd].sort())
    for (const view of views) expect(view.query).toEqual({ q: view.name })
  })

  test('clear empties the mirror but keeps the saved views', async () => {
    const store = await fresh()
    await store.upsertConversations([conversation('a')])
    const view = await store.createView({ name: 'Kept', query: { customer: 'cu_1' } })
    await store.clear()
    expect(await store.counts()).toEqual({ conversations: 0, customers: 0 })
    expect(await store.listViews()).toEqual([view])
  })
}
