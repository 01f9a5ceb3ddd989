import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  NATIVE_ENGINE_NAME,
  NATIVE_ENGINE_VERSION,
  NativeEngine
} from '../../src/engines/native.js'
import { readFlistCounts, type FlistCounts } from '../../src/flist/format/counts.js'
import { FlistReader } from '../../src/flist/format/reader.js'
import { unpackFlist } from '../../src/flist/read/unpack.js'
import { verifyFlist } from '../../src/flist/read/verify.js'
import { getObject, listKeys, startS3, truncateObject, type TestS3 } from '../../peers/s3.js'
import { describeTree, KIB, makeAwkwardTree, pseudoRandomBytes, tempDir } from '../helpers/tree.js'
import { stripPassword } from '../../src/store-url/url.js'

const require = createRequire(import.meta.url)

describe('pack to a real S3 server', () => {
  const work = tempDir('pack-s3')
  const source = join(work, 'source')
  const flist = join(work, 'modules.fl')
  let s3: TestS3
  let storeUrl: string
  let counts: FlistCounts

  beforeAll(async () => {
    makeAwkwardTree(source)
    s3 = await startS3({ buckets: ['blobs'] })
    storeUrl = `s3://${s3.accessKey}:${encodeURIComponent(s3.secretKey)}@${s3.host}:${s3.port}/blobs?region=us-east-1`
    counts = await new NativeEngine().pack({
      kind: 'modules',
      source,
      flistPath: flist,
      writeStores: [{ start: 0, end: 255, url: storeUrl }],
      routes: [{ start: 0, end: 255, url: stripPassword(storeUrl) }],
      tags: [['kernel-version', '6.12.44-Zero-OS']],
      log: () => undefined
    })
  })

  afterAll(async () => {
    await s3.stop()
  })

  test('stores every distinct blob at the bucket root under its hex id', async () => {
    const keys = await listKeys(s3, 'blobs')
    expect(keys).toHaveLength(counts.blocksUploaded)
    const reader = await FlistReader.open(flist)
    try {
      const ids = reader.distinctBlocks().map(block => Buffer.from(block.id).toString('hex'))
      expect(keys).toEqual([...ids].sort())
    } finally {
      reader.close()
    }
  })

  test('records the route without the secret, and the secret appears nowhere in the flist', async () => {
    const reader = await FlistReader.open(flist)
    try {
      expect(reader.routes()).toEqual([
        {
          start: 0,
          end: 255,
          url: `s3://${s3.accessKey}@${s3.host}:${s3.port}/blobs?region=us-east-1`
        }
      ])
      // The engine writes the tags it is given, in order.
      expect(reader.tags()).toEqual([['kernel-version', '6.12.44-Zero-OS']])
    } finally {
      reader.close()
    }
    const bytes = readFileSync(flist)
    expect(bytes.includes(s3.secretKey)).toBe(false)
    expect(bytes.includes(encodeURIComponent(s3.secretKey))).toBe(false)
  })

  test('unpacks from the bucket to the same tree, and verifies in full', async () => {
    const stores = [{ start: 0, end: 255, url: storeUrl }]
    const target = join(work, 'unpacked')
    await unpackFlist(flist, target, { stores })
    expect(describeTree(target)).toEqual(describeTree(source))
    expect((await verifyFlist(flist, 'full', { stores })).problems).toEqual([])
    const { files, directories, symlinks, bytes, blocks } = counts
    expect(await readFlistCounts(flist)).toEqual({ files, directories, symlinks, bytes, blocks })
  })

  test('an unchanged re-pack uploads nothing', async () => {
    const again = await new NativeEngine().pack({
      kind: 'modules',
      source,
      flistPath: join(work, 'again.fl'),
      writeStores: [{ start: 0, end: 255, url: storeUrl }],
      routes: [{ start: 0, end: 255, url: stripPassword(storeUrl) }],
      tags: [['kernel-version', '6.12.44-Zero-OS']],
      log: () => undefined
    })
    expect(again).toEqual({ ...counts, blocksUploaded: 0, blocksPresent: counts.blocksUploaded })
    expect(readFileSync(join(work, 'again.fl')).equals(readFileSync(flist))).toBe(true)
  })

  test('a truncated object under a real blob id counts as missing and is uploaded again', async () => {
    const [blob] = await listKeys(s3, 'blobs')
    const whole = (await getObject(s3, 'blobs', blob))!
    expect(whole.length).toBeGreaterThan(16)
    await truncateObject(s3, 'blobs', blob)
    const lengths = new Map<string, number>()
    const again = await new NativeEngine().pack({
      kind: 'modules',
      source,
      flistPath: join(work, 'repaired.fl'),
      writeStores: [{ start: 0, end: 255, url: storeUrl }],
      routes: [{ start: 0, end: 255, url: stripPassword(storeUrl) }],
      tags: [['kernel-version', '6.12.44-Zero-OS']],
      log: () => undefined,
      encodedLengths: lengths
    })
    expect(again).toMatchObject({ blocksUploaded: 1, blocksPresent: counts.blocksUploaded - 1 })
    expect((await getObject(s3, 'blobs', blob))!.equals(whole)).toBe(true)
    expect(lengths.get(blob)).toBe(whole.length)
    const stores = [{ start: 0, end: 255, url: storeUrl }]
    const report = await verifyFlist(join(work, 'repaired.fl'), 'exists', {
      stores,
      encodedLengths: lengths
    })
    expect(report.problems).toEqual([])
  })

  test('a directory store beside an S3 store: both receive every blob', async () => {
    const mirror = join(work, 'mirror')
    const mixed = await new NativeEngine().pack({
      kind: 'modules',
      source,
      flistPath: join(work, 'mixed.fl'),
      writeStores: [
        { start: 0, end: 255, url: storeUrl },
        { start: 0, end: 255, url: `dir://${mirror}` }
      ],
      routes: [{ start: 0, end: 255, url: stripPassword(storeUrl) }],
      tags: [],
      log: () => undefined
    })
    // The bucket held every blob already; the directory did not, so each one counts as uploaded.
    expect(mixed).toMatchObject({ blocksUploaded: counts.blocksUploaded, blocksPresent: 0 })
    const mirrored = readdirSync(mirror)
    expect(mirrored.sort()).toEqual(await listKeys(s3, 'blobs'))
  })

  test('the CLI packs to S3 and exits by itself', async () => {
    const loader = join(require.resolve('tsx/package.json'), '..', 'dist', 'loader.mjs')
    const meta = join(work, 'cli.fl')
    // Asynchronously: the S3 server runs in this process and must keep answering.
    const child = spawn(process.execPath, [
      '--import',
      loader,
      'src/rfs-cli.ts',
      'pack',
      '-m',
      meta,
      '-s',
      storeUrl,
      source
    ])
    let stderr = ''
    child.stderr.on('data', chunk => (stderr += String(chunk)))
    const timer = setTimeout(() => child.kill(), 60_000)
    const [code] = (await once(child, 'exit')) as [number | null]
    clearTimeout(timer)
    expect(code).toBe(0)
    expect(stderr).not.toContain(s3.secretKey)
    expect(stderr).toMatch(/0 uploaded/)
    expect(await readFlistCounts(meta)).toEqual(await readFlistCounts(flist))
  })
})

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
