// bench:ui (iv): the default page as one support agent reads it, alone and while a
// colleague's searches keep the server counting broad matches (one-letter title searches
// at 1,000,000 conversations count 0.1–0.4 s each). Counts run on a thread of their own
// (server/store/sqlite/count-thread.ts); on the event loop, the page waited behind them.
import { quantile } from './bench-report.ts'

const BROAD = ['r', 'p', 're', 'pa', 'e', 'o'] as const
const SECONDS = 6

export type PageLatency = {
  p50: number
  p95: number
  max: number
  requests: number
  counts: number
}

export async function defaultPageLatency(url: string, colleague: boolean): Promise<PageLatency> {
  const until = performance.now() + SECONDS * 1000
  let counts = 0
  const counting = (async () => {
    for (let i = 0; colleague && performance.now() < until; i++) {
      const q = BROAD[i % BROAD.length]
      await (await fetch(`${url}/api/conversations/count?q=${q}`)).json()
      counts++
    }
  })()
  const times: number[] = []
  for (let page = 1; performance.now() < until; page++) {
    const started = performance.now()
    await (await fetch(`${url}/api/conversations?page=${(page % 50) + 1}&limit=20`)).json()
    times.push(performance.now() - started)
    // A person reads; the requests do not queue up behind each other.
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await counting
  return {
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    max: Math.max(...times),
    requests: times.length,
    counts,
  }
}
