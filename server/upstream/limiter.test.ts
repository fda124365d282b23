import { expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { WINDOW_MS } from './grant-window.ts'
import { createLimiter, type Priority } from './limiter.ts'

function setup(perMinute: number, interactiveShare: number) {
  const clock = createFakeClock(0)
  const limiter = createLimiter({ perMinute, interactiveShare, clock })
  const granted: { priority: Priority; at: number; n: number }[] = []
  const acquire = (priority: Priority, n = granted.length, signal?: AbortSignal) =>
    limiter.acquire(priority, signal).then(() => {
      granted.push({ priority, at: clock.now(), n })
    })
  return { clock, limiter, granted, acquire }
}

/** The most grants that fall in any 60-second window (t - 60 s, t]. */
function busiestWindow(times: readonly number[]): number {
  let most = 0
  for (const end of times)
    most = Math.max(most, times.filter((t) => t > end - WINDOW_MS && t <= end).length)
  return most
}

test('never grants more than perMinute in any 60-second window', async () => {
  const { clock, granted, acquire } = setup(10, 0)
  const all = Promise.all(Array.from({ length: 35 }, (_, i) => acquire('interactive', i)))
  await clock.runUntil(all)
  const times = granted.map((g) => g.at)
  expect(busiestWindow(times)).toBe(10)
  // Paced to the window, not slower: the 31st call goes as soon as the 21st leaves it.
  expect(times[30]).toBe(3 * WINDOW_MS)
})

test('caps crawl calls at perMinute × (1 − interactiveShare) of the window', async () => {
  const { clock, granted, acquire } = setup(10, 0.2)
  void Promise.all(Array.from({ length: 20 }, () => acquire('crawl')))
  await clock.advance(0)
  expect(granted).toHaveLength(8)
  await clock.advance(WINDOW_MS - 1)
  expect(granted).toHaveLength(8)
  await clock.advance(1)
  expect(granted).toHaveLength(16)
})

test('serves interactive calls at once while a crawl saturates its share', async () => {
  const { clock, granted, acquire } = setup(10, 0.2)
  void Promise.all(Array.from({ length: 20 }, () => acquire('crawl')))
  await clock.advance(1000)
  const lookups = Promise.all([acquire('interactive'), acquire('interactive')])
  await clock.advance(0)
  await lookups
  expect(granted.filter((g) => g.priority === 'interactive').map((g) => g.at)).toEqual([1000, 1000])
  // The whole window is now used: the next interactive call waits for the first grant to expire.
  const third = acquire('interactive')
  await clock.runUntil(third)
  expect(granted.filter((g) => g.priority === 'interactive').map((g) => g.at)).toEqual([
    1000,
    1000,
    WINDOW_MS,
  ])
})

test('serves waiting interactive calls before waiting crawl calls, each in arrival order', async () => {
  const { clock, granted, acquire } = setup(2, 0)
  const calls = [
    acquire('crawl', 0),
    acquire('crawl', 1),
    acquire('crawl', 2),
    acquire('crawl', 3),
    acquire('interactive', 4),
    acquire('interactive', 5),
  ]
  await clock.runUntil(Promise.all(calls))
  expect(granted.map((g) => g.n)).toEqual([0, 1, 4, 5, 2, 3])
})

test('grants a crawl call queued behind many background calls first', async () => {
  const { clock, limiter, granted, acquire } = setup(10, 0.2)
  limiter.pause(5000)
  const background = Array.from({ length: 20 }, () => acquire('background'))
  const page = acquire('crawl', 99)
  await clock.runUntil(page)
  expect(granted[0]).toEqual({ priority: 'crawl', at: 5000, n: 99 })
  await clock.runUntil(Promise.all(background))
  expect(limiter.stats()).toMatchObject({ grantedCrawl: 1, grantedBackground: 20 })
})

test('lets background calls take only what the crawl leaves under its cap', async () => {
  const { clock, granted, acquire } = setup(10, 0.2)
  const crawl = Promise.all(Array.from({ length: 6 }, () => acquire('crawl')))
  void Promise.all(Array.from({ length: 20 }, () => acquire('background')))
  await clock.runUntil(crawl)
  await clock.advance(WINDOW_MS - 1)
  // 8 crawl-cap slots a minute: 6 went to the crawl, 2 are left for the background.
  expect(granted.filter((g) => g.priority === 'background')).toHaveLength(2)
  // The interactive share stays free while background calls wait.
  await acquire('interactive')
  expect(granted.at(-1)).toMatchObject({ priority: 'interactive', at: WINDOW_MS - 1 })
})

test('spreads background grants evenly over the window, so a crawl call never waits long', async () => {
  const { clock, granted, acquire } = setup(10, 0.2)
  void Promise.all(Array.from({ length: 40 }, () => acquire('background')))
  await clock.advance(2 * WINDOW_MS + 1000)
  const times = granted.map((g) => g.at)
  expect(times.slice(0, 4)).toEqual([0, 7500, 15_000, 22_500])
  expect(busiestWindow(times)).toBe(8)
  const page = acquire('crawl')
  await clock.runUntil(page)
  // The next background slot was to free at 127.5 s: the list page takes it.
  expect(granted.at(-1)).toMatchObject({ priority: 'crawl', at: 127_500 })
})

test('holds background calls back during a pause, like the others', async () => {
  const { clock, limiter, granted, acquire } = setup(100, 0.2)
  limiter.pause(5000)
  void acquire('background')
  await clock.advance(4999)
  expect(granted).toHaveLength(0)
  await clock.advance(1)
  expect(granted).toMatchObject([{ priority: 'background', at: 5000 }])
})

test('holds every call back until a pause ends', async () => {
  const { clock, limiter, granted, acquire } = setup(100, 0.2)
  limiter.pause(5000)
  void acquire('interactive')
  void acquire('crawl')
  await clock.advance(4999)
  expect(granted).toHaveLength(0)
  expect(limiter.stats().blockedUntil).toBe(5000)
  await clock.advance(1)
  expect(granted.map((g) => g.at)).toEqual([5000, 5000])
  expect(limiter.stats()).toMatchObject({
    granted: 2,
    grantedCrawl: 1,
    waitedMs: 10_000,
    blockedUntil: null,
  })
})

test('announces how long queued crawl calls must wait', async () => {
  const { clock, limiter, acquire } = setup(2, 0)
  const heard: number[] = []
  limiter.onWait((event) => heard.push(event.untilMs))
  await clock.advance(250)
  void Promise.all([acquire('crawl'), acquire('crawl'), acquire('crawl')])
  await clock.advance(0)
  expect(heard).toEqual([250 + WINDOW_MS])
})

test('drops an aborted wait without spending its slot', async () => {
  const { clock, granted, acquire } = setup(1, 0)
  await acquire('interactive')
  const controller = new AbortController()
  const abandoned = acquire('interactive', 1, controller.signal)
  const next = acquire('interactive', 2)
  controller.abort(new Error('client went away'))
  await expect(abandoned).rejects.toThrow('client went away')
  await clock.runUntil(next)
  expect(granted.map((g) => [g.n, g.at])).toEqual([
    [0, 0],
    [2, WINDOW_MS],
  ])
})

/** A grant log kept in memory, as the store keeps it between two processes. */
function memoryGrantLog() {
  let saved: readonly number[] = []
  const saves: number[][] = []
  return {
    saves,
    log: {
      load: () => saved,
      save: (times: readonly number[]) => {
        saved = times.slice()
        saves.push(times.slice())
      },
    },
  }
}

test('a restarted limiter seeded from the grant log never exceeds perMinute in 60 s', async () => {
  const clock = createFakeClock(0)
  const { log } = memoryGrantLog()
  const first = createLimiter({ perMinute: 10, interactiveShare: 0, clock, grantLog: log })
  const times: number[] = []
  const take = (limiter: typeof first) =>
    limiter.acquire('interactive').then(() => times.push(clock.now()))
  await clock.runUntil(Promise.all(Array.from({ length: 6 }, () => take(first))))
  await clock.advance(20_000)
  await clock.runUntil(Promise.all(Array.from({ length: 4 }, () => take(first))))
  // The process dies here; the debounced save ran a second after the last grant.
  await clock.advance(1_500)
  const second = createLimiter({ perMinute: 10, interactiveShare: 0, clock, grantLog: log })
  await clock.runUntil(Promise.all(Array.from({ length: 12 }, () => take(second))))
  expect(times).toHaveLength(22)
  expect(busiestWindow(times)).toBe(10)
  expect(times.slice(10, 16)).toEqual(Array(6).fill(WINDOW_MS))
})

test('saves the window at most a second behind, and at once on flush', async () => {
  const clock = createFakeClock(0)
  const { log, saves } = memoryGrantLog()
  const limiter = createLimiter({ perMinute: 100, interactiveShare: 0, clock, grantLog: log })
  await limiter.acquire('interactive')
  await clock.advance(400)
  await limiter.acquire('crawl')
  expect(saves).toEqual([])
  await clock.advance(600)
  expect(saves).toEqual([[0, 400]])
  await clock.advance(500)
  await limiter.acquire('interactive')
  limiter.flush()
  expect(saves).toEqual([
    [0, 400],
    [0, 400, 1500],
  ])
  // Grants that left the window are not carried into the next process.
  await clock.advance(WINDOW_MS)
  limiter.flush()
  expect(saves.at(-1)).toEqual([])
})
