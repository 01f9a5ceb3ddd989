// Shared by the rfs tests: a loopback HTTP server for downloads, stand-in rfs executables, a log
// that keeps what it is given, and settings with test defaults.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PackRequest } from '../../../src/engines/engine.js'
import type { RfsLog } from '../../../src/rfs-release/log.js'
import type { RfsSettings } from '../../../src/rfs-release/rfs-settings.js'
import { RUNNER_LABEL } from '../../../src/common/input-label.js'
import { tempDir } from '../tree.js'

// Temporary directories come from the one helper that also removes them after each file.
export { removeTempDirs, tempDir } from '../tree.js'

export interface FileServer {
  url: string
  /** Every request path, in order. */
  requests: string[]
  stop(): Promise<void>
}

/** Serves fixed bodies at fixed paths on 127.0.0.1; every other path is a 404. */
export async function startFileServer(files: Record<string, Buffer | string>): Promise<FileServer> {
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '')
    const body = files[request.url ?? '']
    if (body === undefined) {
      response.writeHead(404).end('not found')
      return
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

/** A port nothing listens on: bind one, then let it go. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** A shell script that answers `--version` with `rfs <version>` and runs `body` otherwise. */
export function standInScript(version: string, body = 'exit 0'): string {
  return [
    '#!/bin/sh',
    `if [ "$1" = "--version" ]; then echo "rfs ${version}"; exit 0; fi`,
    body,
    ''
  ].join('\n')
}

const HERE = dirname(fileURLToPath(import.meta.url))
const TSX_LOADER = join(HERE, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')

/**
 * A stand-in rfs whose `unpack` does what rfs's does (standin-unpack.ts: reads the flist's routes,
 * fetches the blobs from their dir:// or s3:// store, writes the tree); other subcommands are
 * refused as an rfs without them refuses them. Written into dir; returns its path.
 */
export function unpackingStandIn(dir: string, version = 'v2.0.6'): string {
  const script = join(HERE, 'standin-unpack.ts')
  return writeExecutable(
    dir,
    standInScript(version, `exec '${process.execPath}' --import '${TSX_LOADER}' '${script}' "$@"`)
  )
}

const REPO = resolve('.')

/**
 * A stand-in rfs that runs `command "$@"` (a shell command line for an rfs-shaped CLI) and, after
 * a pack, interleaves the block rows of the files it packed as the real rfs's parallel uploads do.
 */
export function interleavingRfs(command: string): string {
  return [
    '#!/bin/sh',
    `${command} "$@" || exit $?`,
    '[ "$1" = pack ] || exit 0',
    'meta=; previous=',
    'for arg in "$@"; do [ "$previous" = -m ] && meta=$arg; previous=$arg; done',
    `exec node --import '${REPO}/node_modules/tsx/dist/loader.mjs' '${REPO}/__tests__/helpers/rfs/interleave-blocks.ts' "$meta"`,
    ''
  ].join('\n')
}

/** Writes an executable file named rfs into dir (made if needed); returns its path. */
export function writeExecutable(dir: string, text: string, name = 'rfs'): string {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, name)
  writeFileSync(path, text)
  chmodSync(path, 0o755)
  return path
}

export interface KeptLog extends RfsLog {
  lines: string[]
  warnings: string[]
  /** Everything, for searching secrets in. */
  all(): string
}

export function keptLog(): KeptLog {
  const lines: string[] = []
  const warnings: string[] = []
  return {
    lines,
    warnings,
    info: line => lines.push(line),
    warning: line => warnings.push(line),
    all: () => [...lines, ...warnings].join('\n')
  }
}

export function rfsSettings(overrides: Partial<RfsSettings> = {}): RfsSettings {
  return {
    version: 'v9.9.9',
    build: 'auto',
    source: join(tmpdir(), 'no-rfs-source-here'),
    label: RUNNER_LABEL,
    ...overrides
  }
}

/** Points @actions/tool-cache and the temp directory at fresh directories; no cache service. */
export function isolateRunnerDirs(): { toolCache: string; temp: string } {
  const root = tempDir('runner')
  const toolCache = join(root, 'tool-cache')
  const temp = join(root, 'temp')
  mkdirSync(toolCache)
  mkdirSync(temp)
  process.env.RUNNER_TOOL_CACHE = toolCache
  process.env.RUNNER_TEMP = temp
  delete process.env.ACTIONS_CACHE_URL
  delete process.env.ACTIONS_RESULTS_URL
  delete process.env.ACTIONS_CACHE_SERVICE_V2
  return { toolCache, temp }
}

/** A modules pack request whose log lines are kept; `where` says what to pack, and into which stores. */
export function packRequest(
  where: Pick<PackRequest, 'source' | 'flistPath' | 'writeStores' | 'routes'>,
  overrides: Partial<PackRequest> = {}
): PackRequest & { lines: string[] } {
  const lines: string[] = []
  return {
    kind: 'modules',
    tags: [
      ['kind', 'modules'],
      ['kernel-version', '6.12.44-Zero-OS']
    ],
    log: line => lines.push(line),
    lines,
    ...where,
    ...overrides
  }
}
