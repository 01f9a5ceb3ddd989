// The order in which acquireRfs tries its sources, and what it says when it skips one or finds none.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
import type { RfsSettings } from '../../src/rfs-release/rfs-settings.js'
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

const WRONG = 'ab'.repeat(32)

let server: FileServer
let project: string
/** An rfs crate with nothing built in it, and one with a binary already built in target/release. */
let settings: RfsSettings
let builtSettings: RfsSettings
beforeAll(async () => {
  isolateRunnerDirs()
  server = await startFileServer({ '/v3.3.3/rfs': standInScript('v3.3.3') })
  project = tempDir('input')
  const crate = (dir: string): string => {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "rfs"\n')
    return dir
  }
  const source = crate(join(project, 'components', 'rfs'))
  const builtSource = crate(tempDir('built'))
  writeExecutable(join(builtSource, 'target', 'release'), standInScript('v0.0.1-built'))
  const downloadUrl = `${server.url}/missing/rfs`
  settings = rfsSettings({ source, version: 'v0.0.1', downloadUrl })
  builtSettings = rfsSettings({ source: builtSource, version: 'v0.0.1', downloadUrl })
})
afterAll(async () => {
  removeTempDirs()
  await server.stop()
})

const urlFor = (version: string): string => `${server.url}/${version}/rfs`

test('rfs-path is resolved against the project and wins over everything, rfs-build: always included', async () => {
  writeExecutable(join(project, 'tools'), standInScript('v2.0.6'))
  const log = keptLog()
  const found = await acquireRfs(rfsSettings({ path: 'tools/rfs', build: 'always' }), project, {
    log
  })
  expect(found).toEqual({ path: join(project, 'tools', 'rfs'), version: 'v2.0.6', source: 'input' })
  expect(log.warnings).toEqual([
    'rfs-build: always is ignored because input rfs-path names a binary'
  ])
  expect(log.lines).toEqual([`Using rfs v2.0.6 (input rfs-path): ${join(project, 'tools', 'rfs')}`])
})

test('an explicitly set rfs-version is what runs: an rfs of another version on PATH is skipped, with a line', async () => {
  isolateRunnerDirs()
  const onPath = writeExecutable(tempDir('path-other'), standInScript('v2.0.7-186-g1a2b3c4'))
  const settings = rfsSettings({
    version: 'v3.3.3',
    versionGiven: true,
    downloadUrl: `${server.url}/v3.3.3/rfs`
  })
  const log = keptLog()
  const found = await acquireRfs(settings, project, { log, pathVariable: dirname(onPath) })
  expect(found).toMatchObject({ version: 'v3.3.3' })
  expect(found.source === 'download' || found.source === 'tool-cache').toBe(true)
  expect(log.lines).toContain(
    `Skipping rfs v2.0.7-186-g1a2b3c4 found on PATH (${onPath}): input rfs-version is v3.3.3`
  )
  expect(log.warnings).toEqual([])
})

test('an rfs on PATH of the explicitly set version is used; "v" or not, the same version', async () => {
  const onPath = writeExecutable(tempDir('path-same'), standInScript('3.3.3'))
  const log = keptLog()
  const found = await acquireRfs(rfsSettings({ version: 'v3.3.3', versionGiven: true }), project, {
    log,
    pathVariable: dirname(onPath)
  })
  expect(found).toEqual({ path: onPath, version: '3.3.3', source: 'path' })
})

test('with rfs-version left at its default, an rfs on PATH of any version is used', async () => {
  const onPath = writeExecutable(tempDir('path-any'), standInScript('v2.0.7-186-g1a2b3c4'))
  const found = await acquireRfs(rfsSettings({ version: 'v3.3.3' }), project, {
    log: keptLog(),
    pathVariable: dirname(onPath)
  })
  expect(found).toEqual({ path: onPath, version: 'v2.0.7-186-g1a2b3c4', source: 'path' })
})

test('an rfs of another version built in the source tree is skipped too', async () => {
  const source = tempDir('source-other')
  const built = writeExecutable(
    join(source, 'target', 'x86_64-unknown-linux-musl', 'release'),
    standInScript('v2.0.5')
  )
  const log = keptLog()
  const found = await acquireRfs(
    rfsSettings({
      version: 'v3.3.3',
      versionGiven: true,
      source,
      downloadUrl: `${server.url}/v3.3.3/rfs`
    }),
    project,
    { log, pathVariable: '' }
  )
  expect(found.version).toBe('v3.3.3')
  expect(log.lines).toContain(
    `Skipping rfs v2.0.5 built earlier in the source tree (${built}): input rfs-version is v3.3.3`
  )
})

test('rfs-path still wins over an explicitly set rfs-version, with a warning when they differ', async () => {
  const named = writeExecutable(join(project, 'named'), standInScript('v2.0.7'))
  const log = keptLog()
  const found = await acquireRfs(
    rfsSettings({ path: named, version: 'v2.0.6', versionGiven: true }),
    project,
    { log }
  )
  expect(found).toEqual({ path: named, version: 'v2.0.7', source: 'input' })
  expect(log.warnings).toEqual([
    `input rfs-path ${named} is rfs v2.0.7, not the input rfs-version v2.0.6; it runs because input rfs-path names it`
  ])
  const quiet = keptLog()
  await acquireRfs(rfsSettings({ path: named, version: 'v2.0.7', versionGiven: true }), project, {
    log: quiet
  })
  await acquireRfs(rfsSettings({ path: named, version: 'v2.0.6' }), project, { log: quiet })
  expect(quiet.warnings).toEqual([])
})

test('rfs-build: never with nothing found is one clear line', async () => {
  await expect(
    acquireRfs({ ...settings, build: 'never' }, project, { log: keptLog(), pathVariable: '' })
  ).rejects.toThrow(
    /^No rfs binary: none on PATH, in .*components\/rfs\/target or the tool cache, could not download rfs from .*: HTTP 404.*rfs-build is never/
  )
})

test('rfs-build: never still uses a binary that is already built', async () => {
  const found = await acquireRfs({ ...builtSettings, build: 'never' }, project, {
    log: keptLog(),
    pathVariable: ''
  })
  expect(found.source).toBe('components')
})

test('an rfs on PATH comes before components/', async () => {
  const bin = tempDir('path')
  const standIn = writeExecutable(bin, standInScript('v7.7.7'))
  const found = await acquireRfs(builtSettings, project, {
    log: keptLog(),
    pathVariable: `/nonexistent:${bin}`
  })
  expect(found).toEqual({ path: standIn, version: 'v7.7.7', source: 'path' })
})

test('an rfs on PATH that does not run is skipped with a warning', async () => {
  const bin = tempDir('broken')
  writeExecutable(bin, '#!/bin/sh\necho "cannot execute: wrong ELF class" >&2\nexit 126\n')
  const log = keptLog()
  const found = await acquireRfs(builtSettings, project, { log, pathVariable: bin })
  expect(found.source).toBe('components')
  expect(log.warnings.join('\n')).toMatch(/Skipping rfs .*exited with code 126.*wrong ELF class/)
})

test('a tool cache entry that does not match the pin is downloaded again', async () => {
  const unpinned = rfsSettings({ version: 'v3.3.3', downloadUrl: urlFor('v3.3.3') })
  await acquireRfs(unpinned, '/', { log: keptLog(), pathVariable: '' })
  const log = keptLog()
  const before = server.requests.length
  const failure = acquireRfs({ ...unpinned, sha256: WRONG }, '/', { log, pathVariable: '' })
  await expect(failure).rejects.toThrow(/sha256/)
  expect(server.requests.length - before).toBe(1)
  expect(log.warnings.join('\n')).toMatch(/cached rfs v3\.3\.3 has sha256/)
})

test('a malformed pin is refused before anything is fetched', async () => {
  const before = server.requests.length
  await expect(
    acquireRfs(rfsSettings({ downloadUrl: urlFor('v1.2.3'), sha256: 'nope' }), '/', {
      pathVariable: ''
    })
  ).rejects.toThrow(/^input rfs-sha256: "nope" is not a sha256 digest/)
  expect(server.requests.length).toBe(before)
})
