// Child processes for the benchmarks: started on a free loopback port, waited for until
// they answer, watched for the CPU time and memory they use (from /proc, Linux only),
// and all stopped when the benchmark ends, even when it fails.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'

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

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid ?? 0}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** Resident memory now (VmRSS) or at its peak (VmHWM), in MB. */
export function memoryMb(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${child.pid ?? 0}/status`, 'utf8')
  const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? '0'
  return Math.round(Number(kb) / 1024)
}
