// A stand-in Zero-OS node for the boot script: busybox for the shell and its tools (what the
// initramfs has), stand-in rfs, depmod, udevadm, mount and mountpoint that record each call and
// keep a mount table in a file, and a loopback HTTP server for the manifests.
import { execFileSync, spawn } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The busybox applets the script may use; anything else is not on its PATH. */
export const NODE_TOOLS = [
  'sh',
  'dirname',
  'sha256sum',
  'cut',
  'mkdir',
  'rm',
  'mv',
  'sleep',
  'timeout',
  'wget'
]

/** The node's shell and tools; the tests need the Debian package (installed by .ci/run). */
function findBusybox(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('busybox is not installed: apt-get install busybox (as .ci/run does)')
  }
}

const BUSYBOX = findBusybox()

export interface StandInNode {
  dir: string
  root: string
  cache: string
  /** Every stand-in call, one line each: `name args...`. */
  calls(): string[]
  /** Runs the script with busybox sh; asynchronously, so a server in this process can answer. */
  run(script: string, args: string[], env?: Record<string, string>): Promise<RunOutput>
  remove(): void
}

export interface RunOutput {
  code: number | null
  stderr: string
}

// Shell builtins only: the stand-ins run on the same restricted PATH as the script.
const RECORD = `echo "\${0##*/} $*" >>"$STANDIN_CALLS"`
const STANDINS: Record<string, string> = {
  rfs: `${RECORD}
[ "$1" = mount ] || exit 2
for target in "$@"; do :; done
echo "$target" >>"$STANDIN_MOUNTS"`,
  mount: `${RECORD}
for target in "$@"; do :; done
echo "$target" >>"$STANDIN_MOUNTS"`,
  mountpoint: `[ "$1" = -q ] || exit 2
while read -r line; do [ "$line" = "$2" ] && exit 0; done <"$STANDIN_MOUNTS"
exit 1`,
  depmod: RECORD,
  udevadm: RECORD
}

export function standInNode(options: { curl?: boolean; failing?: string[] } = {}): StandInNode {
  const dir = mkdtempSync(join(tmpdir(), 'boot-node-'))
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  for (const tool of NODE_TOOLS) symlinkSync(BUSYBOX, join(bin, tool))
  if (options.curl) {
    const curl = execFileSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim()
    symlinkSync(curl, join(bin, 'curl'))
  }
  for (const [name, body] of Object.entries(STANDINS)) {
    const failing = options.failing?.includes(name) ? '\nexit 1' : ''
    writeFileSync(join(bin, name), `#!${BUSYBOX} sh\n${body}${failing}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  const calls = join(dir, 'calls')
  const mounts = join(dir, 'mounts')
  writeFileSync(calls, '')
  writeFileSync(mounts, '')
  const root = join(dir, 'root')
  const cache = join(dir, 'cache')
  return {
    dir,
    root,
    cache,
    calls: () => readFileSync(calls, 'utf8').split('\n').filter(Boolean),
    async run(script, args, env = {}) {
      const child = spawn(join(bin, 'sh'), [script, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          PATH: bin,
          STANDIN_CALLS: calls,
          STANDIN_MOUNTS: mounts,
          FLISTS_ROOT: root,
          FLISTS_CACHE: cache,
          FLISTS_FETCH_DELAY: '0',
          FLISTS_FETCH_ATTEMPTS: '3',
          ...env
        }
      })
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      const code = await new Promise<number | null>(done => child.on('close', done))
      return { code, stderr }
    },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

export interface ManifestServer {
  url: string
  requests: string[]
  stop(): Promise<void>
}

/** Serves files by path; a path in `failOnce` answers 503 the first time it is asked for. */
export async function startManifestServer(
  files: Record<string, Buffer>,
  failOnce: string[] = []
): Promise<ManifestServer> {
  const requests: string[] = []
  const failed = new Set<string>()
  const server: Server = createServer((request, response) => {
    const path = request.url ?? ''
    requests.push(path)
    if (failOnce.includes(path) && !failed.has(path)) {
      failed.add(path)
      response.writeHead(503).end('try later')
      return
    }
    const body = files[path]
    if (!body) response.writeHead(404).end('not found')
    else response.writeHead(200, { 'content-type': 'application/vnd.sqlite3' }).end(body)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}
