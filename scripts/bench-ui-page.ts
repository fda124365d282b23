// What `npm run bench:ui` measures inside Chromium. While the page loads, only plain
// page.evaluate calls run in it (Playwright's injected helpers would add their own work
// and heap to the figures); locators are used once it has loaded.
import type { Browser, Page } from '@playwright/test'
import { untilBrowserQuiet } from './bench-browser.ts'
import { thousands } from './bench-report.ts'

export type LoadFigures = {
  fcp: number
  lcp: number
  lcpElement: string
  /** Used JS heap after load, and after a forced garbage collection, in MB. */
  heapMb: number
  heapAfterGcMb: number
  /** Bytes over the wire: navigation + every finished resource, and the /api part of it. */
  transferred: number
  apiTransferred: number
  /** Whether /api/events was among the finished resources (an open stream is not). */
  eventsCounted: boolean
  /** The first page of rows: its request sent, its last byte in, the rows painted. */
  rowsSent: number
  rowsArrived: number
  rowsPainted: number
}

const viewport = { width: 1280, height: 800 }

// Runs in the page before its scripts: marks the first paint showing a real (not
// skeleton) row of the table, which need not be the largest paint.
const ROWS_OBSERVER = `(() => {
  const seen = new MutationObserver(() => {
    if (!document.querySelector('table tbody tr:not([aria-hidden])')) return
    seen.disconnect()
    requestAnimationFrame(() => setTimeout(() => performance.mark('bench-rows-painted')))
  })
  seen.observe(document, { childList: true, subtree: true })
})()`

/** A fresh context (empty caches) at 1280 × 800 in US English. */
export const freshPage = async (browser: Browser) =>
  (await browser.newContext({ locale: 'en-US', viewport })).newPage()

/** Until the page shows `total` conversations, painted, with no loading bar or pending rows. */
export async function waitForList(page: Page, total: number) {
  await page.evaluate(
    (label) =>
      new Promise<void>((resolve) => {
        const check = () => {
          const main = document.querySelector('main')?.textContent ?? ''
          const loading = document.querySelector('[role="progressbar"]') !== null
          const busy = document.querySelector('table')?.getAttribute('aria-busy') !== 'false'
          if (main.includes(label) && !loading && !busy)
            requestAnimationFrame(() => setTimeout(resolve))
          else setTimeout(check, 20)
        }
        check()
      }),
    `${thousands(total)} conversations`,
  )
}

/** First visit to `/` in a fresh context: paint timings, heap and bytes transferred. */
export async function measureLoad(browser: Browser, url: string, total: number) {
  const page = await freshPage(browser)
  // The tab is open and idle before it navigates, as a person's would be (bench-browser.ts).
  await page.goto('about:blank')
  await untilBrowserQuiet(browser)
  const cdp = await page.context().newCDPSession(page)
  await page.addInitScript(ROWS_OBSERVER)
  // The page prefetches page 2 once page 1 shows: part of what a first visit transfers.
  const prefetched = page.waitForResponse((r) => /\/api\/conversations\?.*page=2/.test(r.url()))
  await page.goto(`${url}/`)
  await waitForList(page, total)
  await (await prefetched).finished()
  const figures = await page.evaluate(async () => {
    const lcp = await new Promise<LargestContentfulPaint | undefined>((resolve) => {
      new PerformanceObserver((list) =>
        resolve(list.getEntries().at(-1) as LargestContentfulPaint | undefined),
      ).observe({ type: 'largest-contentful-paint', buffered: true })
      setTimeout(() => resolve(undefined), 1000)
    })
    const element = lcp?.element ?? null
    const text = element?.textContent.trim().slice(0, 30) ?? ''
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[]
    const api = entries.filter((e) => new URL(e.name).pathname.startsWith('/api/'))
    const rows = api.find((e) => new URL(e.name).pathname === '/api/conversations')
    const sum = (list: PerformanceResourceTiming[]) =>
      list.reduce((bytes, e) => bytes + e.transferSize, 0)
    return {
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      lcp: lcp?.startTime ?? Number.NaN,
      lcpElement: element ? `<${element.tagName.toLowerCase()}> "${text}"` : 'none',
      transferred: sum(entries),
      apiTransferred: sum(api),
      eventsCounted: api.some((e) => e.name.includes('/api/events')),
      rowsSent: rows?.startTime ?? Number.NaN,
      rowsArrived: rows?.responseEnd ?? Number.NaN,
      rowsPainted: performance.getEntriesByName('bench-rows-painted')[0]?.startTime ?? Number.NaN,
    }
  })
  const mb = (bytes: number) => bytes / 1024 / 1024
  const before = await cdp.send('Runtime.getHeapUsage')
  await cdp.send('HeapProfiler.collectGarbage')
  const after = await cdp.send('Runtime.getHeapUsage')
  await page.context().close()
  return {
    ...figures,
    heapMb: mb(before.usedSize),
    heapAfterGcMb: mb(after.usedSize),
  } satisfies LoadFigures
}

export type SearchFigures = {
  term: string
  /** `search-applied` → `search-painted`; NaN when it never painted. */
  ms: number
  /** Applied → the list's request sent (negative: asked during the debounce); the request (sent → last byte); last byte → painted. */
  beforeMs: number
  fetchMs: number
  afterMs: number
  /** The text typed (its input event) → painted: the debounce included, as a person waits. */
  typedMs: number
}

/** Types `term` into Search titles; the page's own marks: applied (after debounce) → painted. */
export async function search(page: Page, term: string): Promise<SearchFigures> {
  await page.evaluate(() => {
    performance.clearMarks()
    performance.clearResourceTimings()
    const marks = new Promise<{ applied: number; painted: number }>((resolve) => {
      const observer = new PerformanceObserver((list) => {
        const mark = list.getEntriesByName('search-painted')[0]
        if (!mark) return
        observer.disconnect()
        const applied = performance.getEntriesByName('search-applied').at(-1)
        resolve({ applied: applied?.startTime ?? Number.NaN, painted: mark.startTime })
      })
      observer.observe({ type: 'mark' })
      setTimeout(() => resolve({ applied: Number.NaN, painted: Number.NaN }), 10_000)
    })
    const typed = new Promise<number>((resolve) =>
      document.addEventListener('input', (event) => resolve(event.timeStamp), { once: true }),
    )
    Object.assign(window, { benchSearchMarks: marks, benchSearchTyped: typed })
  })
  await page.getByRole('textbox', { name: 'Search titles' }).fill(term)
  return page.evaluate(async (term) => {
    type Marks = { applied: number; painted: number }
    const bench = window as unknown as {
      benchSearchMarks: Promise<Marks>
      benchSearchTyped: Promise<number>
    }
    const { applied, painted } = await bench.benchSearchMarks
    const typed = await bench.benchSearchTyped
    const request = performance.getEntriesByType('resource').find((entry) => {
      const url = new URL(entry.name)
      const first = (url.searchParams.get('page') ?? '1') === '1'
      return url.pathname === '/api/conversations' && url.searchParams.get('q') === term && first
    }) as PerformanceResourceTiming | undefined
    return {
      term,
      ms: painted - applied,
      beforeMs: (request?.startTime ?? Number.NaN) - applied,
      fetchMs: request?.duration ?? Number.NaN,
      afterMs: painted - (request?.responseEnd ?? Number.NaN),
      typedMs: painted - typed,
    }
  }, term)
}

/** The count the page shows, e.g. 83,412 for "83,412 conversations". */
export async function shownCount(page: Page): Promise<number> {
  const text = await page.getByText(/^[\d,]+ conversations?$/).innerText()
  return Number(text.replace(/\D/g, ''))
}

/**
 * Clicks a column's sort button: click → the header says `expected` and the table is no
 * longer busy (the server's rows for that order are in) → painted, in page time.
 */
export async function sortBy(page: Page, column: string, expected: 'ascending' | 'descending') {
  const button = page.getByRole('button', { name: column, exact: true })
  return button.evaluate(async (element, expected) => {
    const header = element.closest('th')
    const table = element.closest('table')
    if (!header || !table) return Number.NaN
    const started = performance.now()
    const shown = await new Promise<boolean>((resolve) => {
      const check = () => {
        const sorted = header.getAttribute('aria-sort') === expected
        if (!sorted || table.getAttribute('aria-busy') !== 'false') return
        observer.disconnect()
        resolve(true)
      }
      const observer = new MutationObserver(check)
      observer.observe(table, { attributes: true, childList: true, subtree: true })
      setTimeout(() => resolve(false), 10_000)
      ;(element as HTMLButtonElement).click()
    })
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))
    return shown ? performance.now() - started : Number.NaN
  }, expected)
}
