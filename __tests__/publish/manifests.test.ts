import { beforeEach, expect, test } from '@jest/globals'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import {
  newPublishRecord,
  publishManifests,
  type PublishRecord
} from '../../src/publish/manifests.js'
import type { Plan } from '../../src/plan/plan.js'
import type { Settings } from '../../src/plan/settings.js'
import { sha256Hex } from '../../src/common/sha256.js'
import { KERNEL, planProject } from '../helpers/plan-project.js'
import { packedFlist, s3RfsConf } from '../helpers/publish-run.js'
import { s3WithSession } from '../helpers/s3-session.js'
import { startFaultyProxy } from '../helpers/faulty-proxy.js'
import { getObject, listKeys } from '../../peers/s3.js'

const fixture = planProject()
const MODULES_KEY = `zos/manifests/modules-${KERNEL}.fl`
const FIRMWARE_KEY = 'zos/manifests/firmware-fw1.fl'

const peer = s3WithSession()

let settings: Settings
let plan: Plan
let record: PublishRecord
let prefix = 0
beforeEach(async () => {
  // Each test publishes under a prefix of its own in the one server.
  fixture.writeConfig('rfs.conf', s3RfsConf(peer.s3, 'flists', `run${++prefix}/zos`))
  settings = fixture.settings({ 'firmware-tag': 'fw1' })
  plan = await fixture.plan({ 'firmware-tag': 'fw1' })
  record = newPublishRecord()
})

const key = (name: string): string => `run${prefix}/${name}`

function publish(contents: { modules: string; firmware: string }): Promise<void> {
  const packed = plan.flists.map(flist => packedFlist(flist, contents[flist.kind]))
  return publishManifests(packed, plan, settings, new AbortController().signal, record)
}

test('publishes both manifests and records them; s3rver is found not to exclude concurrent creators', async () => {
  await publish({ modules: 'modules manifest', firmware: 'firmware manifest' })
  expect((await getObject(peer.s3, 'flists', key(MODULES_KEY)))?.toString()).toBe(
    'modules manifest'
  )
  expect((await getObject(peer.s3, 'flists', key(FIRMWARE_KEY)))?.toString()).toBe(
    'firmware manifest'
  )
  expect(record).toMatchObject({
    started: true,
    states: { modules: 'published', firmware: 'published' },
    sha256: { modules: sha256Hex('modules manifest'), firmware: sha256Hex('firmware manifest') },
    exclusiveCreate: false
  })
  expect(record.warnings).toEqual([
    expect.stringMatching(
      /replaces an existing object on a PUT with If-None-Match: \*.*: put the jobs that publish to s3:\/\/flists\/run\d+\/zos\/manifests\/ in one workflow concurrency: group$/
    )
  ])
})

test('a rerun with the same bytes keeps both and asks nothing about concurrent creators', async () => {
  const contents = { modules: 'modules manifest', firmware: 'firmware manifest' }
  await publish(contents)
  record = newPublishRecord()
  await publish(contents)
  expect(record.states).toEqual({ modules: 'unchanged', firmware: 'unchanged' })
  expect(record.exclusiveCreate).toBeUndefined()
  expect(record.warnings).toEqual([])
})

test('one refused manifest publishes none of them', async () => {
  await peer.session.client.send(
    new PutObjectCommand({ Bucket: 'flists', Key: key(FIRMWARE_KEY), Body: 'someone else' })
  )
  await expect(
    publish({ modules: 'modules manifest', firmware: 'firmware manifest' })
  ).rejects.toThrow(
    /^manifest s3:\/\/flists\/run\d+\/zos\/manifests\/firmware-fw1\.fl is already published with sha256 [0-9a-f]{64}, and this run made [0-9a-f]{64} \(the published object is not a readable flist\): set overwrite: true to replace it/
  )
  expect(await listKeys(peer.s3, 'flists')).not.toContain(key(MODULES_KEY))
  expect(record.states).toEqual({ modules: 'not published', firmware: 'not published' })
  expect((await getObject(peer.s3, 'flists', key(FIRMWARE_KEY)))?.toString()).toBe('someone else')
})

test('a manifest whose upload fails is recorded as not published, the one before it as published', async () => {
  const proxy = await startFaultyProxy(peer.s3.endpoint, {
    failureRate: 0,
    refuse: (method, path) => method === 'PUT' && path.includes('/firmware-fw1.fl')
  })
  try {
    fixture.writeConfig(
      'rfs.conf',
      s3RfsConf(peer.s3, 'flists', `run${prefix}/zos`, proxy.endpoint)
    )
    plan = await fixture.plan({ 'firmware-tag': 'fw1' })
    const failure = (await publish({ modules: 'modules', firmware: 'firmware' }).catch(
      (error: Error) => error
    )) as Error
    expect(failure.message).toMatch(
      /^S3 PUT flists\/run\d+\/zos\/manifests\/firmware-fw1\.fl failed .*: access denied on bucket 'flists'/
    )
    expect(failure.message).not.toContain('\n')
    expect(failure.message).not.toContain(peer.s3.secretKey)
  } finally {
    await proxy.stop()
  }
  expect(record.states).toEqual({ modules: 'published', firmware: 'not published' })
})
