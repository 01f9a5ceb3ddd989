// The key of an rfs build and its round trip through a loopback cache service that speaks the
// protocol @actions/cache uses, with a stand-in binary (no cargo here).
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  buildCacheKey,
  cachedBinaryPath,
  restoreBuilt,
  saveBuilt,
  sourceFingerprint
} from '../../src/rfs-release/build-cache.js'
import { startCacheServer } from '../helpers/rfs/cache-server.js'
import {
  isolateRunnerDirs,
  keptLog,
  removeTempDirs,
  standInScript,
  tempDir,
  writeExecutable
} from '../helpers/rfs/standin.js'

const FIXTURE = resolve('__tests__/fixtures/rfs-crate')

// The cache service's variables as they were, put back once this file is done.
const outerEnv = {
  ACTIONS_RUNTIME_TOKEN: process.env.ACTIONS_RUNTIME_TOKEN,
  ACTIONS_CACHE_URL: process.env.ACTIONS_CACHE_URL
}
beforeAll(() => {
  isolateRunnerDirs()
  process.env.ACTIONS_RUNTIME_TOKEN = 'test-token'
})
afterEach(() => {
  delete process.env.ACTIONS_CACHE_URL
})
afterAll(() => {
  for (const [name, value] of Object.entries(outerEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  removeTempDirs()
})

/** A copy of the fixture crate, outside any git checkout. */
function crate(): string {
  const source = join(tempDir('crate'), 'rfs')
  cpSync(FIXTURE, source, { recursive: true })
  return source
}

test('the cache key follows the git tree of a clean checkout, else a hash of the files', async () => {
  const repo = tempDir('git')
  const crate = join(repo, 'components', 'rfs')
  cpSync(FIXTURE, crate, { recursive: true })
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      encoding: 'utf8'
    }).trim()
  git('init', '-q')
  git('add', '.')
  git('commit', '-qm', 'rfs')
  const tree = git('rev-parse', 'HEAD:components/rfs')
  expect(await sourceFingerprint(crate)).toBe(`git-${tree}`)
  // Another commit elsewhere in the repository does not change the key.
  writeFileSync(join(repo, 'README'), 'x')
  git('add', 'README')
  git('commit', '-qm', 'readme')
  expect(await sourceFingerprint(crate)).toBe(`git-${tree}`)
  // A local change does.
  writeFileSync(join(crate, 'src', 'main.rs'), 'fn main() {}\n')
  expect(await sourceFingerprint(crate)).toMatch(/^sha256-[0-9a-f]{64}$/)
  rmSync(repo, { recursive: true, force: true })
})

test('outside git, the hash follows the files and their executable bit, not target/', async () => {
  const source = crate()
  const first = await sourceFingerprint(source)
  expect(first).toMatch(/^sha256-[0-9a-f]{64}$/)
  writeExecutable(join(source, 'target', 'release'), standInScript('v0.0.1'))
  mkdirSync(join(source, 'node_modules'))
  expect(await sourceFingerprint(source)).toBe(first)
  chmodSync(join(source, 'Cargo.toml'), 0o755)
  const executable = await sourceFingerprint(source)
  expect(executable).not.toBe(first)
  chmodSync(join(source, 'Cargo.toml'), 0o644)
  writeFileSync(join(source, 'src', 'extra.rs'), '')
  expect(await sourceFingerprint(source)).not.toBe(first)
})

test('the key names the platform, the target and the source', () => {
  expect(buildCacheKey('git-abc', 'x86_64-unknown-linux-musl')).toBe(
    `rfs-bin-${process.platform}-${process.arch}-x86_64-unknown-linux-musl-git-abc`
  )
  expect(buildCacheKey('git-abc', undefined)).toBe(
    `rfs-bin-${process.platform}-${process.arch}-host-git-abc`
  )
})

test('a saved build is restored by its key, executable, at the same path; another key misses', async () => {
  const cache = await startCacheServer()
  process.env.ACTIONS_CACHE_URL = cache.url
  try {
    const source = crate()
    const built = writeExecutable(tempDir('built'), standInScript('v0.0.1-built'))
    const key = buildCacheKey('sha256-one', undefined)
    const log = keptLog()
    await saveBuilt(built, source, key, log)
    expect(cache.keys()).toEqual([key])
    rmSync(join(source, 'target'), { recursive: true })

    expect(await restoreBuilt(source, buildCacheKey('sha256-two', undefined), log)).toBeUndefined()
    expect(await restoreBuilt(source, key, log)).toBe(cachedBinaryPath(source))
    expect(execFileSync(cachedBinaryPath(source), ['--version'], { encoding: 'utf8' })).toBe(
      'rfs v0.0.1-built\n'
    )
    expect(log.warnings).toEqual([])
  } finally {
    await cache.stop()
  }
})

test('without a cache service, restoring says so once and saving leaves no copy', async () => {
  const source = crate()
  const built = writeExecutable(tempDir('built'), standInScript('v0.0.1-built'))
  const log = keptLog()
  expect(await restoreBuilt(source, 'rfs-bin-key', log)).toBeUndefined()
  await saveBuilt(built, source, 'rfs-bin-key', log)
  expect(log.warnings).toEqual(['No cache service here, so rfs is built from source on every run'])
  expect(existsSync(cachedBinaryPath(source))).toBe(false)
})
