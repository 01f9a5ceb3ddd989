// The blobs gc sees in a store: a real directory in both layouts rfs has used, and s3rver.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openGcStore } from '../../src/gc/blobs.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import { tempDir } from '../helpers/tree.js'
import { userError } from '../fixtures/settings/capture.js'
import { testSession } from '../helpers/s3-session.js'

const work = tempDir('gc-blobs')
const A = 'aa'.repeat(32)
const B = 'bb'.repeat(32)
const C = 'cc'.repeat(32)
const D = 'dd'.repeat(32)

let s3: TestS3
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => {
  await s3.stop()
  rmSync(work, { recursive: true, force: true })
})

test('a dir:// store: flat and sharded blobs with size and age; nothing that is not a blob', async () => {
  const root = join(work, 'store')
  mkdirSync(join(root, 'bb'), { recursive: true })
  mkdirSync(join(root, 'cc'))
  writeFileSync(join(root, A), 'flat')
  writeFileSync(join(root, 'bb', B), 'sharded')
  // In the wrong shard, a temporary file, a directory named as a blob: none of them blobs.
  writeFileSync(join(root, 'cc', D), 'stray')
  writeFileSync(join(root, `${C}.tmp`), '')
  mkdirSync(join(root, C))
  const old = new Date('2026-01-02T03:04:05Z')
  utimesSync(join(root, A), old, old)
  const blobs = await openGcStore(`dir://${root}`).list()
  expect(blobs.map(blob => [blob.id, blob.size])).toEqual([
    [A, 4],
    [B, 7]
  ])
  expect(blobs[0].modified).toEqual(old)
})

test('a blob held in both layouts is listed once and removed from both', async () => {
  const root = join(work, 'both')
  mkdirSync(join(root, 'aa'), { recursive: true })
  writeFileSync(join(root, A), 'x')
  writeFileSync(join(root, 'aa', A), 'x')
  const store = openGcStore(`dir://${root}`)
  const blobs = await store.list()
  expect(blobs.map(blob => blob.id)).toEqual([A])
  await store.remove(blobs[0])
  expect(existsSync(join(root, A))).toBe(false)
  expect(existsSync(join(root, 'aa', A))).toBe(false)
})

test('a dir:// store not made yet holds no blobs; one that is a file is one line', async () => {
  expect(await openGcStore(`dir://${join(work, 'never')}`).list()).toEqual([])
  writeFileSync(join(work, 'file'), '')
  await expect(openGcStore(`dir://${join(work, 'file')}`).list()).rejects.toThrow(
    new RegExp(`^store dir://${work}/file: .*ENOTDIR`)
  )
})

test('an S3 store: the blob keys with size and date, and one removed', async () => {
  const session = testSession(s3)
  for (const [key, body] of [
    [A, 'one'],
    [B, 'three'],
    ['manifests/x.fl', 'not a blob']
  ])
    await session.client.send(new PutObjectCommand({ Bucket: 'blobs', Key: key, Body: body }))
  session.destroy()
  const secret = encodeURIComponent(s3.secretKey)
  const store = openGcStore(
    `s3://${s3.accessKey}:${secret}@${s3.host}:${s3.port}/blobs?region=us-east-1`
  )
  try {
    expect(store.display).not.toContain(s3.secretKey)
    expect(store.display).not.toContain(secret)
    const blobs = await store.list()
    expect(blobs.map(blob => [blob.id, blob.size])).toEqual([
      [A, 3],
      [B, 5]
    ])
    expect(blobs.every(blob => Math.abs(blob.modified.getTime() - Date.now()) < 3600_000)).toBe(
      true
    )
    await store.remove(blobs[0])
    expect(await listKeys(s3, 'blobs')).toEqual([B, 'manifests/x.fl'])
  } finally {
    store.close()
  }
})

test('a store of another kind is refused in one line, without its password', () => {
  const error = userError(() => openGcStore('zdb://:hunter2@hub.example:9900/ns'))
  expect(error.message).toMatch(
    /^store 'zdb:\/\/hub\.example:9900\/ns': gc lists dir:\/\/ and s3:\/\//
  )
  expect(error.message).not.toContain('hunter2')
})
