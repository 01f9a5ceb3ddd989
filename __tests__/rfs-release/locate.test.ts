import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
import { displayCommand, redactUrl, redactor, secretsOf } from '../../src/store-url/redact.js'
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
import { inputLabeller } from '../../src/common/input-label.js'

let server: FileServer
let project: string
beforeAll(async () => {
  server = await startFileServer({ '/v3.3.3/rfs': standInScript('v3.3.3') })
  project = tempDir('input')
})
afterAll(async () => {
  removeTempDirs()
  await server.stop()
})

test('rfs-path must exist, be a file and be executable; each fault names the input', async () => {
  const acquire = (path: string): Promise<unknown> =>
    acquireRfs(rfsSettings({ path }), project, { log: keptLog() })
  await expect(acquire('bin/rfs')).rejects.toThrow(
    `input rfs-path: ${project}/bin/rfs does not exist; give the path of an rfs binary or leave input rfs-path empty`
  )
  mkdirSync(join(project, 'dir'))
  await expect(acquire('dir')).rejects.toThrow(`rfs-path: ${project}/dir is not a file`)
  const plain = writeExecutable(join(project, 'plain'), standInScript('v1.0.0'))
  chmodSync(plain, 0o644)
  await expect(acquire(plain)).rejects.toThrow(
    `rfs-path: ${plain} is not executable; run chmod +x on it`
  )
  const other = writeExecutable(join(project, 'other'), '#!/bin/sh\necho "Python 3.12"\n')
  await expect(acquire(other)).rejects.toThrow(
    `rfs-path: ${other} does not look like rfs: \`--version\` printed "Python 3.12"`
  )
  // A shell run names the flag.
  const fromShell = rfsSettings({ path: 'bin/rfs', label: inputLabeller('flag') })
  await expect(acquireRfs(fromShell, project, { log: keptLog() })).rejects.toThrow(
    `--rfs-path: ${project}/bin/rfs does not exist; give the path of an rfs binary or leave --rfs-path empty`
  )
})

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

test('in a shell run without RUNNER_TOOL_CACHE, downloads are kept under XDG_CACHE_HOME', async () => {
  delete process.env.RUNNER_TOOL_CACHE
  delete process.env.RUNNER_TEMP
  const xdg = tempDir('xdg')
  process.env.XDG_CACHE_HOME = xdg
  const settings = rfsSettings({ version: 'v3.3.3', downloadUrl: `${server.url}/v3.3.3/rfs` })
  const first = await acquireRfs(settings, project, { log: keptLog(), pathVariable: '' })
  expect(first).toEqual({
    path: join(xdg, 'rfs-flist-action', 'tool-cache', 'rfs', '3.3.3', process.arch, 'rfs'),
    version: 'v3.3.3',
    source: 'download'
  })
  const requests = server.requests.length
  const second = await acquireRfs(settings, project, { log: keptLog(), pathVariable: '' })
  expect(second).toEqual({ ...first, source: 'tool-cache' })
  expect(server.requests.length).toBe(requests)
})

test('with no usable cache directory at all, the download is used in place, with a warning', async () => {
  delete process.env.RUNNER_TOOL_CACHE
  // A file where the cache directory should be: nothing can be made under it.
  process.env.XDG_CACHE_HOME = writeExecutable(tempDir('blocked'), '', 'not-a-directory')
  const log = keptLog()
  const found = await acquireRfs(
    rfsSettings({ version: 'v3.3.3', downloadUrl: `${server.url}/v3.3.3/rfs` }),
    project,
    {
      log,
      pathVariable: ''
    }
  )
  expect(found.source).toBe('download')
  expect(found.version).toBe('v3.3.3')
  expect(log.warnings.join('\n')).toMatch(/^No tool cache \(RUNNER_TOOL_CACHE is not set/)
})

test('passwords are masked in URLs, store specs and free text; user names stay', () => {
  expect(redactUrl('00-7f=s3://AK:se%2Fcret@h:9000/b?region=r')).toBe(
    '00-7f=s3://AK:***@h:9000/b?region=r'
  )
  expect(redactUrl("failed to initialize store 's3s://AK:x@h:443/b' and zdb://:pw@h:9900/ns")).toBe(
    "failed to initialize store 's3s://AK:***@h:443/b' and zdb://:***@h:9900/ns"
  )
  expect(redactUrl('dir:///var/blobs')).toBe('dir:///var/blobs')
  expect(secretsOf(['s3://AK:p%40ss@h:1/b', 'dir:///x', 'zdb://:ns-pw@h:9900/ns'])).toEqual([
    'p%40ss',
    'p@ss',
    'ns-pw'
  ])
  expect(redactor(['p@ss', 'p%40ss'])('got p@ss and p%40ss')).toBe('got *** and ***')
  expect(displayCommand('/bin/rfs', ['pack', '-s', 's3://AK:pw@h:1/b', '/a dir'])).toBe(
    "/bin/rfs pack -s s3://AK:***@h:1/b '/a dir'"
  )
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
