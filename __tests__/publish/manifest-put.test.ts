import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { S3Session } from '../../src/s3/client.js'
import { RUNNER_LABEL } from '../../src/common/input-label.js'
import { fileSha256 } from '../../src/common/sha256.js'
import {
  checkManifest,
  publishManifest,
  type ManifestUpload
} from '../../src/publish/manifest-put.js'
import { startFaultyProxy } from '../helpers/faulty-proxy.js'
import { packTree, SMALL_FIRMWARE } from '../helpers/pack-tree.js'
import { tempDir } from '../helpers/tree.js'
import { getObject, listKeys, startS3, type TestS3 } from '../../peers/s3.js'

let s3: TestS3
let session: S3Session
const work = tempDir('publish')

beforeAll(async () => {
  s3 = await startS3({ buckets: ['manifests'] })
  session = new S3Session(
    {
      endpoint: s3.endpoint,
      region: 'us-east-1',
      accessKey: s3.accessKey,
      secretKey: s3.secretKey
    },
    { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, label: RUNNER_LABEL }
  )
})
afterAll(async () => {
  session.destroy()
  await s3.stop()
})

async function upload(name: string, content: string, overwrite = false): Promise<ManifestUpload> {
  const path = join(work, name)
  writeFileSync(path, content)
  return {
    bucket: 'manifests',
    key: `zos/manifests/${name}`,
    path,
    sha256: await fileSha256(path),
    metadata: { 'kernel-version': '6.12.44-Zero-OS' },
    overwrite,
    label: RUNNER_LABEL
  }
}

describe('publishManifest', () => {
  test('creates the object with its digest, type and metadata', async () => {
    const first = await upload('modules-a.fl', 'first flist')
    expect((await publishManifest(session, first)).outcome).toBe('published')
    expect((await getObject(s3, 'manifests', first.key))?.toString()).toBe('first flist')
    const head = await session.client.send(
      new HeadObjectCommand({ Bucket: 'manifests', Key: first.key })
    )
    expect(head.ContentType).toBe('application/vnd.sqlite3')
    expect(head.Metadata).toMatchObject({
      sha256: first.sha256,
      'kernel-version': '6.12.44-Zero-OS'
    })
  })

  test('a rerun with the same bytes succeeds and replaces nothing', async () => {
    const same = await upload('modules-b.fl', 'same bytes')
    expect((await publishManifest(session, same)).outcome).toBe('published')
    expect(await publishManifest(session, same)).toEqual({
      outcome: 'unchanged',
      sha256: same.sha256
    })
  })

  test('different bytes under a published name are refused unless overwrite is set', async () => {
    const original = await upload('firmware-c.fl', 'original')
    await publishManifest(session, original)
    const changed = await upload('firmware-c.fl', 'changed!')
    await expect(publishManifest(session, changed)).rejects.toThrow(
      /already published with sha256 [0-9a-f]{64}.*set overwrite: true/
    )
    expect((await getObject(s3, 'manifests', original.key))?.toString()).toBe('original')

    expect((await publishManifest(session, { ...changed, overwrite: true })).outcome).toBe(
      'replaced'
    )
    expect((await getObject(s3, 'manifests', original.key))?.toString()).toBe('changed!')
  })

  test('an object without recorded digest is compared by its bytes', async () => {
    const manual = await upload('modules-d.fl', 'uploaded by hand')
    await session.client.send(
      new PutObjectCommand({ Bucket: 'manifests', Key: manual.key, Body: 'uploaded by hand' })
    )
    expect((await publishManifest(session, manual)).outcome).toBe('unchanged')
  })

  test('a missing bucket is one line naming the bucket and the setting', async () => {
    const lost = { ...(await upload('modules-e.fl', 'x')), bucket: 'no-such-bucket' }
    const error = await publishManifest(session, lost).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      /bucket 'no-such-bucket' does not exist.*manifest-bucket/
    )
    expect((error as Error).message).not.toContain('\n')
    expect(await listKeys(s3, 'manifests')).not.toContain('zos/manifests/modules-e.fl')
  })

  test('an unknown access key stops at once and never shows the secret', async () => {
    // At once: the refused request is not asked again, though the session would retry five times.
    const proxy = await startFaultyProxy(s3.endpoint, { failureRate: 0 })
    const stranger = new S3Session(
      {
        endpoint: proxy.endpoint,
        region: 'us-east-1',
        accessKey: 'NOBODY',
        secretKey: s3.secretKey
      },
      { retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 }, label: RUNNER_LABEL }
    )
    try {
      const error = (await publishManifest(stranger, await upload('modules-f.fl', 'y')).catch(
        (e: Error) => e
      )) as Error
      expect(error.message).toMatch(/check input s3-access-key/)
      expect(error.message).not.toContain(s3.secretKey)
      // A refused HEAD is followed by one GET that gives the reason; neither is repeated.
      const asked = proxy.log.map(({ method, path }) => `${method} ${path}`)
      expect(asked.length).toBeGreaterThan(0)
      expect(new Set(asked).size).toBe(asked.length)
    } finally {
      stranger.destroy()
      await proxy.stop()
    }
  })
})

describe('a published manifest that describes the same tree', () => {
  test('by another producer is kept, and the local file takes its bytes', async () => {
    const published = await packTree(work, 'published', SMALL_FIRMWARE)
    const first: ManifestUpload = {
      bucket: 'manifests',
      key: 'compare/manifests/firmware-x.fl',
      path: published,
      sha256: await fileSha256(published),
      metadata: {},
      overwrite: false,
      label: RUNNER_LABEL
    }
    expect((await publishManifest(session, first)).outcome).toBe('published')

    const local = await packTree(work, 'local', SMALL_FIRMWARE, {
      creator: 'rfs-flist-action 1.0.1 (native 1.0.1)'
    })
    const rerun = { ...first, path: local, sha256: await fileSha256(local) }
    expect(rerun.sha256).not.toBe(first.sha256)
    expect(await checkManifest(session, rerun)).toEqual({ action: 'keep', sha256: first.sha256 })
    expect(readFileSync(local)).toEqual(readFileSync(published))

    const changed = await packTree(work, 'changed-2', {
      ...SMALL_FIRMWARE,
      'rtl_nic/rtl.fw': 'other'
    })
    const check = await checkManifest(session, {
      ...first,
      path: changed,
      sha256: await fileSha256(changed)
    })
    expect(check.action).toBe('refuse')
    expect(check.action === 'refuse' && check.error.message).toMatch(
      /\(entries differ: 1 entry changed, first: rtl_nic\/rtl\.fw \(size, blocks\)\): set overwrite: true/
    )
  })
})
