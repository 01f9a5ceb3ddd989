// Where downloaded rfs binaries are kept between runs: RUNNER_TOOL_CACHE on a runner, the user's
// cache directory in a shell run, nowhere when neither can be made. Real directories throughout.
import { afterAll, beforeEach, expect, test } from '@jest/globals'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { findCached, keepInToolCache, toolCacheRoot } from '../../src/rfs-release/tool-cache.js'
import {
  keptLog,
  removeTempDirs,
  standInScript,
  tempDir,
  writeExecutable
} from '../helpers/rfs/standin.js'

// The cache locations as they were, put back once this file is done.
const outerEnv = {
  RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE,
  XDG_CACHE_HOME: process.env.XDG_CACHE_HOME
}
let binary: string
beforeEach(() => {
  delete process.env.RUNNER_TOOL_CACHE
  binary = writeExecutable(tempDir('download'), standInScript('v3.3.3'))
})
afterAll(() => {
  for (const [name, value] of Object.entries(outerEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  removeTempDirs()
})

test('in a shell run without RUNNER_TOOL_CACHE, downloads are kept under XDG_CACHE_HOME', async () => {
  const xdg = tempDir('xdg')
  process.env.XDG_CACHE_HOME = xdg
  const log = keptLog()
  expect(findCached('v3.3.3', log)).toBeUndefined()
  const kept = await keepInToolCache(binary, 'v3.3.3', log)
  const path = join(xdg, 'rfs-flist-action', 'tool-cache', 'rfs', '3.3.3', process.arch, 'rfs')
  expect(kept).toBe(path)
  expect(findCached('v3.3.3', log)).toBe(path)
  expect(findCached('v3.3.4', log)).toBeUndefined()
  // An entry whose binary can no longer run is not a hit.
  chmodSync(path, 0o644)
  expect(findCached('v3.3.3', log)).toBeUndefined()
  expect(log.warnings).toEqual([])
})

test('RUNNER_TOOL_CACHE, when set, is where they are kept', async () => {
  const runner = tempDir('runner-cache')
  process.env.RUNNER_TOOL_CACHE = runner
  process.env.XDG_CACHE_HOME = tempDir('xdg-unused')
  expect(toolCacheRoot(keptLog())).toBe(runner)
  expect(await keepInToolCache(binary, 'v3.3.3', keptLog())).toBe(
    join(runner, 'rfs', '3.3.3', process.arch, 'rfs')
  )
})

test('with no usable cache directory at all, nothing is kept, with a warning', async () => {
  // A file where the cache directory should be: nothing can be made under it.
  process.env.XDG_CACHE_HOME = writeExecutable(tempDir('blocked'), '', 'not-a-directory')
  const log = keptLog()
  expect(await keepInToolCache(binary, 'v3.3.3', log)).toBeUndefined()
  expect(findCached('v3.3.3', log)).toBeUndefined()
  expect(log.warnings[0]).toMatch(
    /^No tool cache \(RUNNER_TOOL_CACHE is not set and .*not-a-directory\/rfs-flist-action\/tool-cache cannot be made: .*\); rfs will not be kept between runs$/
  )
})

test('a version that is no semver tag is neither kept nor looked for, and says so', async () => {
  process.env.XDG_CACHE_HOME = tempDir('xdg-branch')
  const log = keptLog()
  expect(await keepInToolCache(binary, 'main', log)).toBeUndefined()
  expect(findCached('main', log)).toBeUndefined()
  expect(log.lines).toEqual(['rfs main is not a semver tag, so it is not kept in the tool cache'])
})
