// Child processes for the benchmarks: started on a free loopback port, waited for until
// they answer, watched for the CPU time and memory they use (from /proc, Linux only),
// and all stopped when the benchmark ends, even when it fails.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import { openSync, readdirSync, readFileSync } from 'node:fs'

const children = new Set<ChildProcess>()

/** Runs `node …args` with only PATH and `env` in its environment; stopChildren ends it. */
export function spawnNode(args: string[], env: Record<string, string>, stdio: StdioOptions) {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio,
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Sends SIGTERM and resolves once the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** Runs `node …args` with its output discarded (a log collector would take it away). */
export async function startChild(args: string[], env: Record<string, string>, readyUrl: string) {
  const child = spawnNode(args, env, ['ignore', openSync('/dev/null', 'w'), 'inherit'])
  const answers = () =>
    fetch(readyUrl).then(
      (response) => response.ok,
      () => false,
    )
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await answers()) return child
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${args.join(' ')} did not start`)
}

export function stopChildren(): void {
  for (const child of children) child.kill('SIGTERM')
  children.clear()
}

/** The fields of /proc/<pid>/stat after the command's name; empty once it has gone. */
function statFields(pid: number): string[] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return []
  }
}

const cpuOf = (fields: string[]) => (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(child: ChildProcess): number {
  return cpuOf(statFields(child.pid ?? 0))
}

/**
 * CPU seconds used so far by every process descended from this one except `besides` (and
 * theirs): the browser Playwright launched, with its renderer, GPU and utility processes.
 * A process that has exited is no longer counted, so compare readings of a browser whose
 * processes live through both.
 */
export function descendantsCpuSeconds(besides: readonly ChildProcess[]): number {
  const parentOf = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fields = statFields(Number(entry))
    if (fields.length > 0) parentOf.set(Number(entry), Number(fields[1]))
  }
  const left = new Set(besides.map((child) => child.pid))
  const counted = (pid: number): boolean => {
    for (let at = parentOf.get(pid); at !== undefined && at > 1; at = parentOf.get(at)) {
      if (left.has(at)) return false
      if (at === process.pid) return true
    }
    return false
  }
  let total = 0
  for (const pid of parentOf.keys()) {
    if (!left.has(pid) && counted(pid)) total += cpuOf(statFields(pid))
  }
  return total
}

/** Resident memory now (VmRSS) or at its peak (VmHWM), in MB. */
export function memoryMb(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${child.pid ?? 0}/status`, 'utf8')
  const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? '0'
  return Math.round(Number(kb) / 1024)
}
