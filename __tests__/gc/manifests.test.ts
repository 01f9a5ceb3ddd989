// The manifests gc reads, from a real directory and from s3rver under a key prefix: which .fl files
// are seen, what changes their fingerprint, and the blob ids each references.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { S_IFDIR, S_IFREG } from '../../src/flist/format/modes.js'
import { FlistWriter } from '../../src/flist/format/writer.js'
import { openManifestLocation } from '../../src/gc/manifests.js'
import { startS3, type TestS3 } from '../../peers/s3.js'
import { tempDir } from '../helpers/tree.js'
import { asyncUserError, userError } from '../fixtures/settings/capture.js'
import { testSession } from '../helpers/s3-session.js'

const work = tempDir('gc-manifests')
const A = 'aa'.repeat(32)
const B = 'bb'.repeat(32)

/** A flist whose one file is made of blocks with these ids; its path. */
async function manifest(path: string, ids: string[]): Promise<string> {
  mkdirSync(join(path, '..'), { recursive: true })
  const writer = await FlistWriter.create()
  const times = { uid: 0, gid: 0, rdev: 0, ctime: 1e9, mtime: 1e9 }
  writer.inode({ ino: 1, parent: 0, name: '/', size: 0, mode: S_IFDIR | 0o755, ...times })
  writer.inode({ ino: 2, parent: 1, name: 'a.ko', size: 3, mode: S_IFREG | 0o644, ...times })
  for (const id of ids) writer.block(2, Buffer.from(id, 'hex'), new Uint8Array(32).fill(1))
  writer.save(path)
  writer.close()
  return path
}

let s3: TestS3
beforeAll(async () => {
  s3 = await startS3({ buckets: ['hub'] })
})
afterAll(async () => {
  await s3.stop()
  rmSync(work, { recursive: true, force: true })
})

test('a directory: every .fl under it, in name order, nothing else; each with its blob ids', async () => {
  const root = join(work, 'dir')
  await manifest(join(root, 'z.fl'), [A])
  await manifest(join(root, 'nested', 'b.fl'), [A, B, A])
  writeFileSync(join(root, 'notes.txt'), '')
  writeFileSync(join(root, 'b.fl.removed'), '')
  mkdirSync(join(root, 'dir.fl'))
  const location = openManifestLocation(`dir://${root}`)
  expect(location.display).toBe(root)
  const listed = await location.list()
  expect(listed.map(entry => entry.name)).toEqual(['nested/b.fl', 'z.fl'])
  expect(await location.blockIds('nested/b.fl')).toEqual([A, B])
})

test('a manifest replaced in a directory changes its fingerprint', async () => {
  const root = join(work, 'replaced')
  const path = await manifest(join(root, 'a.fl'), [A])
  const location = openManifestLocation(root)
  const [before] = await location.list()
  const later = new Date(Date.now() + 60_000)
  utimesSync(path, later, later)
  const [after] = await location.list()
  expect(after.name).toBe(before.name)
  expect(after.fingerprint).not.toBe(before.fingerprint)
})

test('a directory that is not there, or a file, is one line naming it', async () => {
  const missing = join(work, 'nowhere')
  const error = await asyncUserError(openManifestLocation(missing).list())
  expect(error.message).toBe(
    `manifest location ${missing} is not a directory: give the directory the .fl manifests are in, or an s3:// location`
  )
  writeFileSync(join(work, 'plain'), '')
  await expect(openManifestLocation(join(work, 'plain')).list()).rejects.toThrow(
    /^manifest location .*plain is not a directory/
  )
})

test('a location of another scheme is refused, without its password', () => {
  const error = userError(() => openManifestLocation('https://user:hunter2@hub.example/manifests'))
  expect(error.message).toMatch(
    /^manifest location 'https:\/\/user@hub\.example\/manifests': use s3:\/\//
  )
  expect(error.message).not.toContain('hunter2')
})

test('an S3 location: the .fl keys under its prefix only, read back for their blob ids', async () => {
  const session = testSession(s3)
  const body = readFileSync(await manifest(join(work, 's3', 'a.fl'), [B]))
  for (const key of [
    'zos/manifests/a.fl',
    'zos/manifests/old/c.fl',
    'zos/manifests-old/b.fl',
    'zos/manifests/a.txt'
  ])
    await session.client.send(new PutObjectCommand({ Bucket: 'hub', Key: key, Body: body }))
  session.destroy()
  const secret = encodeURIComponent(s3.secretKey)
  const location = openManifestLocation(
    `s3://${s3.accessKey}:${secret}@${s3.host}:${s3.port}/hub/zos/manifests?region=us-east-1`
  )
  try {
    expect(location.display).toBe(`s3://${s3.host}:${s3.port}/hub/zos/manifests/`)
    const listed = await location.list()
    expect(listed.map(entry => entry.name)).toEqual([
      'zos/manifests/a.fl',
      'zos/manifests/old/c.fl'
    ])
    expect(await location.blockIds('zos/manifests/a.fl')).toEqual([B])
  } finally {
    location.close()
  }
})
