import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { NativeEngine } from '../../../src/engines/native.js'
import { FlistReader } from '../../../src/flist/format/reader.js'
import { verifyFlist } from '../../../src/flist/read/verify.js'
import { NATIVE_ENGINE_NAME, NATIVE_ENGINE_VERSION } from '../../../src/engines/native.js'
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { startS3, type TestS3 } from '../../../peers/s3.js'
import { makeAwkwardTree, pseudoRandomBytes, tempDir, KIB } from '../../helpers/tree.js'
import type { FlistCounts } from '../../../src/flist/format/counts.js'

const BLOCK = 512 * KIB
const NATIVE_CREATOR = `rfs-flist-action ${NATIVE_ENGINE_VERSION} (${NATIVE_ENGINE_NAME} ${NATIVE_ENGINE_VERSION})`

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex')

/** A tree whose big files span several blocks, so one block of one can change alone. */
function makeTree(root: string): void {
  makeAwkwardTree(root)
  mkdirSync(join(root, 'big'), { recursive: true })
  for (let file = 0; file < 3; file++) {
    writeFileSync(
      join(root, 'big', `file${file}.bin`),
      pseudoRandomBytes(3 * BLOCK + 1000, file + 7)
    )
  }
}

async function distinctIds(flist: string): Promise<string[]> {
  const reader = await FlistReader.open(flist)
  try {
    return reader.distinctBlocks().map(block => Buffer.from(block.id).toString('hex'))
  } finally {
    reader.close()
  }
}

function packer(storeUrl: () => string, creator = NATIVE_CREATOR) {
  return (source: string, flistPath: string, previousFlist?: string): Promise<FlistCounts> =>
    new NativeEngine().pack({
      kind: 'modules',
      source,
      flistPath,
      writeStores: [{ start: 0, end: 255, url: storeUrl() }],
      routes: [{ start: 0, end: 255, url: 'dir:///readers/blobs' }],
      tags: [['creator', creator]],
      log: () => undefined,
      previousFlist
    })
}

describe('reruns take the block ids of the previous flist (dir store)', () => {
  const work = tempDir('reuse-dir')
  const source = join(work, 'source')
  const blobs = join(work, 'blobs')
  const pack = packer(() => `dir://${blobs}`)
  let first: FlistCounts

  beforeAll(async () => {
    makeTree(source)
    first = await pack(source, join(work, 'first.fl'))
  })

  test('an unchanged tree encodes no block, and its flist is the same bytes', async () => {
    expect(first.blocksEncoded).toBe(first.blocks)
    const again = await pack(source, join(work, 'again.fl'), join(work, 'first.fl'))
    expect(again.blocksEncoded).toBe(0)
    expect(again.blocks).toBe(first.blocks)
    expect(again.blocksUploaded).toBe(0)
    expect(sha256(join(work, 'again.fl'))).toBe(sha256(join(work, 'first.fl')))
  })

  test('a changed block is the only one encoded, and the flist equals a fresh pack', async () => {
    const changed = join(work, 'changed')
    makeTree(changed)
    const file = join(changed, 'big', 'file1.bin')
    const bytes = readFileSync(file)
    bytes.fill(0x5a, BLOCK + 10, BLOCK + 20)
    writeFileSync(file, bytes)
    const rerun = await pack(changed, join(work, 'changed.fl'), join(work, 'first.fl'))
    expect(rerun.blocksEncoded).toBe(1)
    expect(rerun.blocksUploaded).toBe(1)
    const fresh = await pack(changed, join(work, 'changed-fresh.fl'))
    expect(fresh.blocksEncoded).toBe(fresh.blocks)
    expect(sha256(join(work, 'changed.fl'))).toBe(sha256(join(work, 'changed-fresh.fl')))
  })

  test('a blob missing from the store is encoded and stored again', async () => {
    const [missing] = await distinctIds(join(work, 'first.fl'))
    rmSync(join(blobs, missing))
    const rerun = await pack(source, join(work, 'healed.fl'), join(work, 'first.fl'))
    expect(rerun.blocksEncoded).toBe(1)
    expect(rerun.blocksUploaded).toBe(1)
    expect(readFileSync(join(blobs, missing)).length).toBeGreaterThan(0)
    expect(sha256(join(work, 'healed.fl'))).toBe(sha256(join(work, 'first.fl')))
  })

  test('a flist another engine wrote is not reused', async () => {
    const other = packer(() => `dir://${blobs}`, 'rfs-flist-action 1.0.0 (rfs 2.0.6)')
    await other(source, join(work, 'by-rfs.fl'))
    const rerun = await pack(source, join(work, 'after-rfs.fl'), join(work, 'by-rfs.fl'))
    expect(rerun.blocksEncoded).toBe(rerun.blocks)
    const older = packer(() => `dir://${blobs}`, 'rfs-flist-action 0.0.1 (native 0.0.1)')
    await older(source, join(work, 'older.fl'))
    const afterOlder = await pack(source, join(work, 'after-older.fl'), join(work, 'older.fl'))
    expect(afterOlder.blocksEncoded).toBe(afterOlder.blocks)
  })

  test('a previous flist that is not one is ignored', async () => {
    writeFileSync(join(work, 'garbage.fl'), 'not sqlite')
    const rerun = await pack(source, join(work, 'after-garbage.fl'), join(work, 'garbage.fl'))
    expect(rerun.blocksEncoded).toBe(rerun.blocks)
    expect(sha256(join(work, 'after-garbage.fl'))).toBe(sha256(join(work, 'first.fl')))
  })
})

describe('reruns take the block ids of the previous flist (S3 store)', () => {
  const work = tempDir('reuse-s3')
  const source = join(work, 'source')
  let s3: TestS3
  let storeUrl = ''
  const pack = packer(() => storeUrl)
  let first: FlistCounts

  beforeAll(async () => {
    makeTree(source)
    s3 = await startS3({ buckets: ['blobs'] })
    storeUrl = `s3://${s3.accessKey}:${encodeURIComponent(s3.secretKey)}@${s3.host}:${s3.port}/blobs?region=us-east-1`
    first = await pack(source, join(work, 'first.fl'))
  })

  afterAll(async () => {
    await s3.stop()
  })

  test('an unchanged tree encodes no block, its flist is the same bytes, and it verifies', async () => {
    const again = await pack(source, join(work, 'again.fl'), join(work, 'first.fl'))
    expect(again.blocksEncoded).toBe(0)
    expect(again.blocksPresent).toBe(first.blocksUploaded)
    expect(sha256(join(work, 'again.fl'))).toBe(sha256(join(work, 'first.fl')))
  })

  test('a blob missing from the bucket is encoded and uploaded again', async () => {
    const [missing] = await distinctIds(join(work, 'first.fl'))
    const client = new S3Client({
      endpoint: `http://${s3.host}:${s3.port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKey, secretAccessKey: s3.secretKey }
    })
    try {
      await client.send(new DeleteObjectCommand({ Bucket: 'blobs', Key: missing }))
    } finally {
      client.destroy()
    }
    const encodedLengths = new Map<string, number>()
    const rerun = await new NativeEngine().pack({
      kind: 'modules',
      source,
      flistPath: join(work, 'healed.fl'),
      writeStores: [{ start: 0, end: 255, url: storeUrl }],
      routes: [{ start: 0, end: 255, url: 'dir:///readers/blobs' }],
      tags: [['creator', NATIVE_CREATOR]],
      log: () => undefined,
      previousFlist: join(work, 'first.fl'),
      encodedLengths
    })
    expect(rerun.blocksEncoded).toBe(1)
    expect(rerun.blocksUploaded).toBe(1)
    expect(sha256(join(work, 'healed.fl'))).toBe(sha256(join(work, 'first.fl')))
    const report = await verifyFlist(join(work, 'healed.fl'), 'exists', {
      stores: [{ start: 0, end: 255, url: storeUrl }],
      encodedLengths
    })
    expect(report.problems).toEqual([])
    expect(encodedLengths.size).toBe((await distinctIds(join(work, 'first.fl'))).length)
  })
})
