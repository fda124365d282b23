// The browser's own start, kept out of what the benchmarks measure. A new context's first
// page starts a renderer process that goes on initialising after `goto` returns: on this
// machine about 0.7 CPU-s over the next half second, on both cores. A person's browser did
// that long before they opened the dashboard; a benchmark that navigated at once would
// charge it to the page, and to a server sharing the machine.
import type { Browser } from '@playwright/test'

/** What Chromium may spend per window and still count as idle: timer ticks, not work. */
const QUIET_CPU_MS = 20
const WINDOW_MS = 100
const QUIET_WINDOWS = 2

export type Quiet = { waitedMs: number; quiet: boolean }

/**
 * Resolves once every Chromium process together has used at most 20 ms of CPU in each of
 * two consecutive 100 ms windows (CDP's SystemInfo.getProcessInfo), or after `timeoutMs`
 * with `quiet: false`, so the caller can say that it measured a busy browser.
 */
export async function untilBrowserQuiet(browser: Browser, timeoutMs = 10_000): Promise<Quiet> {
  const cdp = await browser.newBrowserCDPSession()
  const cpuMs = async () => {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo')
    return processInfo.reduce((sum, process) => sum + process.cpuTime, 0) * 1000
  }
  const started = performance.now()
  try {
    let last = await cpuMs()
    let quietWindows = 0
    while (performance.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))
      const now = await cpuMs()
      quietWindows = now - last <= QUIET_CPU_MS ? quietWindows + 1 : 0
      last = now
      if (quietWindows >= QUIET_WINDOWS)
        return { waitedMs: performance.now() - started, quiet: true }
    }
    return { waitedMs: performance.now() - started, quiet: false }
  } finally {
    await cdp.detach()
  }
}
