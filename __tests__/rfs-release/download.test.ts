import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
import { UserError } from '../../src/common/errors.js'
import {
  closedPortUrl,
  isolateRunnerDirs,
  keptLog,
  removeTempDirs,
  rfsSettings,
  standInScript,
  startFileServer,
  type FileServer
} from '../helpers/rfs/standin.js'

const STAND_IN = standInScript('v9.9.9-standin')
const DIGEST = createHash('sha256').update(STAND_IN).digest('hex')
const WRONG = 'ab'.repeat(32)

let server: FileServer
let toolCache: string
beforeAll(async () => {
  ;({ toolCache } = isolateRunnerDirs())
  server = await startFileServer({ '/v9.9.9/rfs': STAND_IN, '/v1.2.3/rfs': STAND_IN })
  // @actions/tool-cache waits 10 to 20 s between attempts after a network error.
  Object.assign(globalThis, {
    TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS: 0,
    TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS: 0
  })
})
afterAll(async () => {
  removeTempDirs()
  await server.stop()
})

const urlFor = (version: string): string => `${server.url}/${version}/rfs`

test('a wrong sha256 pin is a hard error naming both digests, and nothing is cached', async () => {
  const settings = rfsSettings({ downloadUrl: urlFor('v9.9.9'), sha256: WRONG })
  const failure = acquireRfs(settings, '/', { log: keptLog(), pathVariable: '' })
  await expect(failure).rejects.toThrow(UserError)
  await expect(failure).rejects.toThrow(DIGEST)
  await expect(failure).rejects.toThrow(WRONG)
  expect(existsSync(join(toolCache, 'rfs'))).toBe(false)
})

test('the right pin is accepted; the binary is proven, reported and kept in the tool cache', async () => {
  const before = server.requests.length
  const found = await acquireRfs(
    rfsSettings({ downloadUrl: urlFor('v9.9.9'), sha256: `sha256:${DIGEST.toUpperCase()}` }),
    '/',
    { log: keptLog(), pathVariable: '' }
  )
  expect(found).toEqual({
    path: join(toolCache, 'rfs', '9.9.9', process.arch, 'rfs'),
    version: 'v9.9.9-standin',
    source: 'download'
  })
  expect(server.requests.length - before).toBe(1)
})

test('a second run finds it in the tool cache without any HTTP request', async () => {
  const before = server.requests.length
  const found = await acquireRfs(
    rfsSettings({ downloadUrl: urlFor('v9.9.9'), sha256: DIGEST }),
    '/',
    {
      log: keptLog(),
      pathVariable: ''
    }
  )
  expect(found.source).toBe('tool-cache')
  expect(server.requests.length).toBe(before)
})

test('an HTTP error with rfs-build: never is one line with the status', async () => {
  const failure = acquireRfs(
    rfsSettings({ downloadUrl: `${server.url}/missing/rfs`, build: 'never', version: 'v4.0.4' }),
    '/',
    {
      log: keptLog(),
      pathVariable: ''
    }
  )
  await expect(failure).rejects.toThrow(UserError)
  await expect(failure).rejects.toThrow(/^No rfs binary: .*HTTP 404.*rfs-build is never/)
  await expect(failure).rejects.not.toThrow(/\n/)
})

test('a network error with no source to build is one line naming the URL', async () => {
  const url = `${await closedPortUrl()}/rfs`
  const failure = acquireRfs(rfsSettings({ downloadUrl: url, version: 'v1.2.3' }), '/', {
    log: keptLog(),
    pathVariable: ''
  })
  await expect(failure).rejects.toThrow(
    /^No rfs binary: .*could not download rfs from http:\/\/127\.0\.0\.1.*ECONNREFUSED.*no rfs source to build/
  )
})

test('the default URL is the GitHub release asset of the pinned tag', async () => {
  const { defaultDownloadUrl } = await import('../../src/rfs-release/download.js')
  expect(defaultDownloadUrl('v2.0.6')).toBe(
    'https://github.com/threefoldtech/rfs/releases/download/v2.0.6/rfs'
  )
})

test('a download URL with credentials is shown without the password', async () => {
  const [scheme, rest] = server.url.split('//')
  const url = `${scheme}//user:hunter2@${rest}/missing/rfs`
  const log = keptLog()
  const failure = acquireRfs(
    rfsSettings({ downloadUrl: url, build: 'never', version: 'v4.0.4' }),
    '/',
    {
      log,
      pathVariable: ''
    }
  )
  await expect(failure).rejects.toThrow(/user:\*\*\*@/)
  await expect(failure).rejects.not.toThrow(/hunter2/)
  expect(log.all()).not.toContain('hunter2')
})
