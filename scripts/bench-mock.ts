// The mock perform.chat for the benchmarks, in a child process of its own so its work
// does not share a CPU thread with the server or the browser being measured.
import { demoKey } from '../mocks/upstream-server.ts'
import type { FaultSettings, StatsSnapshot } from '../mocks/faults.ts'
import { freePort } from '../server/testing/free-port.ts'
import { startChild, stopChild } from './bench-processes.ts'

export type BenchMock = Awaited<ReturnType<typeof startMock>>

export async function startMock(conversations: number, options: { ratePerMinute?: number } = {}) {
  const port = await freePort()
  const control = `http://127.0.0.1:${port}/__control/`
  const rate =
    options.ratePerMinute === undefined ? [] : ['--rate-per-minute', String(options.ratePerMinute)]
  const child = await startChild(
    [
      'mocks/mock-upstream.ts',
      '--port',
      String(port),
      '--conversations',
      String(conversations),
      ...rate,
    ],
    {},
    `${control}stats`,
  )
  const post = async (path: string, body: unknown) => {
    const answer = await fetch(new URL(path, control), {
      method: 'POST',
      body: JSON.stringify(body),
    })
    if (!answer.ok) throw new Error(`mock ${path} answered HTTP ${answer.status}`)
  }
  return {
    /** PERFORMCHAT_API_URL for a server that reads this mock. */
    url: `http://127.0.0.1:${port}/rest/v1`,
    key: demoKey,
    child,
    /** Replaces every fault setting (latency, hang, …) with these. */
    faults: (settings: FaultSettings) => post('faults', settings),
    stats: async (): Promise<StatsSnapshot> =>
      (await fetch(new URL('stats', control))).json() as Promise<StatsSnapshot>,
    stop: () => stopChild(child),
  }
}

export const tooMany = (stats: StatsSnapshot) => stats.byStatus['429'] ?? 0
