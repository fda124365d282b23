// A process killed mid-write (SIGKILL: no handler runs) must leave a mirror that opens,
// passes SQLite's integrity check and holds whole pages only.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { openStore } from '../open-store.ts'

const openStoreModule = fileURLToPath(new URL('../open-store.ts', import.meta.url))

// Upserts pages of 100 conversations (ids `page-row`) forever, saying after each commit.
const writer = `
  const { openStore } = await import(${JSON.stringify(openStoreModule)})
  const store = await openStore('file:' + process.argv[1])
  for (let page = 0; ; page++) {
    const rows = Array.from({ length: 100 }, (_, i) => ({
      id: page + '-' + i, title: 'Page ' + page + ' row ' + i, customer_user_id: 'c' + (i % 7),
      message_count: i, created_at: new Date(page * 1000).toISOString(), updated_at: null,
    }))
    await store.upsertConversations(rows)
    await store.upsertCustomers([{ id: 'c' + (page % 7), name: 'Name ' + page }])
    process.stdout.write('committed ' + page + '\\n')
  }
`

function runUntilKilled(path: string, pages: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', writer, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let committed = -1
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      const last = /committed (\d+)\n$/.exec(chunk.toString())
      if (last) committed = Number(last[1])
      if (committed >= pages) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(committed) : reject(new Error(`writer exited: ${errors}`)),
    )
  })
}

test('a writer killed with SIGKILL leaves a sound mirror holding whole pages', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'crash-')), 'mirror.sqlite')
  const committed = await runUntilKilled(path, 40)
  const check = new DatabaseSync(path)
  expect(check.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }])
  const pages = check
    .prepare(
      `SELECT substr(id, 1, instr(id, '-') - 1) AS page, count(*) AS n FROM conversations GROUP BY page`,
    )
    .all()
  check.close()
  expect(pages.length).toBeGreaterThanOrEqual(committed + 1)
  expect(pages.filter((page) => page.n !== 100)).toEqual([])
  const store = await openStore(`file:${path}`)
  const { total } = await store.listConversations({
    page: 1,
    limit: 20,
    sort: { column: 'updated_at', desc: true },
    customer: '',
    q: 'page',
    text: '',
  })
  expect(total).toBe(pages.length * 100)
  await store.close()
})
