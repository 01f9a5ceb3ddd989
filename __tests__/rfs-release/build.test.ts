import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
import type { RfsSettings } from '../../src/rfs-release/rfs-settings.js'
import {
  buildCacheKey,
  cachedBinaryPath,
  sourceFingerprint
} from '../../src/rfs-release/build-cache.js'
import { declaresBuildBinary } from '../../src/rfs-release/build.js'
import { startCacheServer } from '../helpers/rfs/cache-server.js'
import {
  isolateRunnerDirs,
  keptLog,
  removeTempDirs,
  rfsSettings,
  standInScript,
  startFileServer,
  tempDir,
  writeExecutable,
  type FileServer
} from '../helpers/rfs/standin.js'

const FIXTURE = resolve('__tests__/fixtures/rfs-crate')

let server: FileServer
let project: string
let source: string
let settings: RfsSettings
beforeAll(async () => {
  isolateRunnerDirs()
  // No crates.io here; the fixture has no dependencies, so cargo never needs the network.
  process.env.CARGO_NET_OFFLINE = 'true'
  server = await startFileServer({})
  project = tempDir('project')
  source = join(project, 'components', 'rfs')
  // The crate is built in a copy, so no target directory ever appears in the repository.
  cpSync(FIXTURE, source, { recursive: true })
  settings = rfsSettings({ source, version: 'v0.0.1', downloadUrl: `${server.url}/missing/rfs` })
})
afterAll(async () => {
  removeTempDirs()
  await server.stop()
  rmSync(project, { recursive: true, force: true })
})

const hostBinary = (): string => join(source, 'target', 'release', 'rfs')

test('with nothing found and no download, cargo builds the crate (offline, host target, no build-binary feature)', async () => {
  const log = keptLog()
  const found = await acquireRfs(settings, project, { log, pathVariable: '' })
  expect(found).toEqual({ path: hostBinary(), version: 'v0.0.1-fixture', source: 'build' })
  expect(log.lines).toContain(
    'cargo build --release --bin rfs --message-format=json-render-diagnostics'
  )
  expect(log.lines.some(line => line.startsWith('Building rfs from'))).toBe(true)
  expect(log.warnings.join('\n')).toMatch(/HTTP 404; .*building rfs from/)
  // No cache service in a shell run: a warning, and the build still counts.
  expect(log.warnings.join('\n')).toMatch(/No cache service here/)
})

test('the next run finds the binary built in components/rfs/target, with no download and no build', async () => {
  const before = server.requests.length
  const log = keptLog()
  const found = await acquireRfs(settings, project, { log, pathVariable: '' })
  expect(found).toEqual({ path: hostBinary(), version: 'v0.0.1-fixture', source: 'components' })
  expect(server.requests.length).toBe(before)
  expect(log.lines.join('\n')).not.toContain('Building rfs')
})

test('rfs-build: always builds even when a binary is on PATH and in components/', async () => {
  const bin = tempDir('path-always')
  writeExecutable(bin, standInScript('v7.7.7'))
  const found = await acquireRfs({ ...settings, build: 'always' }, project, {
    log: keptLog(),
    pathVariable: bin
  })
  expect(found).toEqual({ path: hostBinary(), version: 'v0.0.1-fixture', source: 'build' })
})

test('a build is saved to the cache service and restored by the next run instead of building', async () => {
  const cache = await startCacheServer()
  process.env.ACTIONS_CACHE_URL = cache.url
  process.env.ACTIONS_RUNTIME_TOKEN = 'test-token'
  try {
    rmSync(hostBinary())
    const built = await acquireRfs(settings, project, { log: keptLog(), pathVariable: '' })
    expect(built.source).toBe('build')
    const key = buildCacheKey(await sourceFingerprint(source), undefined)
    expect(cache.keys()).toEqual([key])
    expect(key).toMatch(/^rfs-bin-linux-[a-z0-9]+-host-sha256-[0-9a-f]{64}$/)

    rmSync(hostBinary())
    rmSync(cachedBinaryPath(source))
    const log = keptLog()
    const restored = await acquireRfs(settings, project, { log, pathVariable: '' })
    expect(restored).toEqual({
      path: cachedBinaryPath(source),
      version: 'v0.0.1-fixture',
      source: 'cache'
    })
    expect(log.lines.join('\n')).not.toContain('Building rfs')
    expect(existsSync(hostBinary())).toBe(false)
  } finally {
    delete process.env.ACTIONS_CACHE_URL
    await cache.stop()
  }
})

test('a cache service that fails costs a build, never the run', async () => {
  const cache = await startCacheServer({ failing: true })
  process.env.ACTIONS_CACHE_URL = cache.url
  try {
    rmSync(hostBinary(), { force: true })
    rmSync(cachedBinaryPath(source), { force: true })
    const found = await acquireRfs(settings, project, { log: keptLog(), pathVariable: '' })
    expect(found).toEqual({ path: hostBinary(), version: 'v0.0.1-fixture', source: 'build' })
  } finally {
    delete process.env.ACTIONS_CACHE_URL
    await cache.stop()
  }
})

test('a failing build is one line naming the source and cargo error', async () => {
  const broken = join(project, 'broken-rfs')
  cpSync(FIXTURE, broken, { recursive: true })
  writeFileSync(join(broken, 'src', 'main.rs'), 'fn main() { this is not rust }\n')
  const log = keptLog()
  const failure = acquireRfs({ ...settings, source: broken, build: 'always' }, project, {
    log,
    pathVariable: ''
  })
  await expect(failure).rejects.toThrow(
    /^Building rfs from .*broken-rfs failed: cargo exited with code 101 \(error/
  )
  await expect(failure).rejects.not.toThrow(/\n/)
})

test('build-binary is only asked for when Cargo.toml declares it', () => {
  const reference = execFileSync(
    'git',
    ['-C', '/work/.mirror/threefoldtech+rfs/repo', 'show', 'HEAD:Cargo.toml'],
    { encoding: 'utf8' }
  )
  expect(declaresBuildBinary(reference)).toBe(true)
  expect(declaresBuildBinary('[package]\nname = "rfs"\n')).toBe(false)
  expect(declaresBuildBinary('[package]\nname = "rfs"\n[features]\ndefault = []\n')).toBe(false)
  expect(declaresBuildBinary('features.build-binary = []\n')).toBe(true)
  expect(declaresBuildBinary('[features]\n# build-binary = []\n')).toBe(false)
})
