// Presence of blobs read from store listings (one per id prefix) instead of asked blob by blob:
// what a listing proves, when it is used, and when the uploader goes back to asking.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { packTree } from '../../../src/flist/pack/pack.js'
import { listingLimit } from '../../../src/flist/blobs/listings.js'
import { StoreContents } from '../../../src/flist/blobs/contents.js'
import { BlockUploader } from '../../../src/flist/pack/upload.js'
import { verifyFlist } from '../../../src/flist/read/verify.js'
import { S3Session } from '../../../src/s3/client.js'
import { DirBlobStore } from '../../../src/store/dir.js'
import { openStores } from '../../../src/store/open.js'
import { S3BlobStore } from '../../../src/store/s3.js'
import { Semaphore } from '../../../src/common/semaphore.js'
import { counted, idWith, router } from '../../helpers/counted-store.js'
import { testSession } from '../../helpers/s3-session.js'
import { startFaultyProxy } from '../../helpers/faulty-proxy.js'
import { listKeys, startS3, type TestS3 } from '../../../peers/s3.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'
import { stripPassword } from '../../../src/store-url/url.js'

/**
 * `count` distinct one-block files in a new directory `dir` (enough, at 48, for listings to be
 * used); `seed` tells trees apart, and the same seed gives the same files.
 */
function oneBlockFiles(dir: string, count: number, seed: number): string {
  mkdirSync(dir)
  for (let index = 0; index < count; index++) {
    writeFileSync(join(dir, `file${index}`), pseudoRandomBytes(3000 + index, index + seed))
  }
  return dir
}

describe('listing limits', () => {
  test('small packs ask blob by blob; larger ones list, with a page budget per prefix', () => {
    expect(listingLimit(0)).toBe(0)
    expect(listingLimit(31)).toBe(0)
    expect(listingLimit(32)).toBe(1000)
    expect(listingLimit(512)).toBe(16_000)
    // Pages per prefix are capped, so listings of a huge bucket take bounded memory.
    expect(listingLimit(4000)).toBe(32_000)
  })
})

describe('dir store listings', () => {
  test('read the root once, whatever the prefix and limit, and the shards of the older layout', async () => {
    const root = tempDir('dir-list')
    const store = new DirBlobStore(root)
    const flat = [idWith('a1', 1), idWith('a1', 2), idWith('af', 3)]
    for (const id of flat) await store.put(id, Buffer.from(id))
    const sharded = idWith('a2', 4)
    mkdirSync(join(root, 'a2'))
    writeFileSync(join(root, 'a2', sharded), 'sharded')
    writeFileSync(join(root, `${idWith('a1', 5)}.0123456789ab.tmp`), 'unfinished')
    mkdirSync(join(root, 'b0'))

    const { store: listed, calls } = counted(store)
    const uploader = new BlockUploader(router(listed), { concurrency: 4, expectedBlocks: 64 })
    await Promise.all(
      [...flat, sharded, idWith('a1', 5)].map(id => uploader.store(id, Buffer.from(id)))
    )
    // The sharded blob's size is not its id's length: written again, flat.
    expect(uploader.counts).toEqual({ uploaded: 2, present: 3, repeated: 0 })
    expect(calls).toEqual({ asked: 0, put: 2, list: 1 })
    expect(await store.storedSize(sharded)).toBe(64)
    expect(existsSync(join(root, 'a2', sharded))).toBe(false)
    expect((await new DirBlobStore(join(root, 'missing')).listIds('', 10))?.size).toBe(0)
  })
})

describe('listings and uploads sharing one request limit', () => {
  test('a listing goes ahead of the uploads already waiting for a request', async () => {
    const requests = new Semaphore(1)
    await requests.acquire()
    const order: string[] = []
    // Another pack's uploads, waiting for the one request in use.
    const uploads = [1, 2, 3].map(n =>
      requests.acquire().then(() => {
        order.push(`upload ${n}`)
        requests.release()
      })
    )
    const { store } = counted(new DirBlobStore(tempDir('dir-listing-first')))
    const listIds = store.listIds!
    store.listIds = (prefix, limit) => {
      order.push('list')
      return listIds(prefix, limit)
    }
    const uploader = new BlockUploader(router(store), {
      concurrency: 1,
      requests,
      expectedBlocks: 64
    })
    requests.release()
    await Promise.all(uploads)
    expect(await uploader.listedEverywhere(idWith('a', 1), 1)).toBe(false)
    expect(order).toEqual(['list', 'upload 1', 'upload 2', 'upload 3'])
  })
})

describe('presence from listings on a real S3 server', () => {
  let s3: TestS3
  let session: S3Session
  const crowded = Array.from({ length: 1001 }, (_, seed) => idWith('c', seed))

  beforeAll(async () => {
    s3 = await startS3({
      buckets: ['blobs', 'crowded', 'packed', 'held', 'verified', 'contents', 'refused']
    })
    session = new S3Session({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      accessKey: s3.accessKey,
      secretKey: s3.secretKey
    } as ConstructorParameters<typeof S3Session>[0])
    // More keys under one prefix than a page holds.
    const queue = [...crowded]
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let key = queue.pop(); key; key = queue.pop()) {
          await session.client.send(
            new PutObjectCommand({ Bucket: 'crowded', Key: key, Body: Buffer.from('x') })
          )
        }
      })
    )
  }, 60_000)

  afterAll(async () => {
    session.destroy()
    await s3.stop()
  })

  test('a listing pages through a prefix, and gives up past its limit', async () => {
    const store = new S3BlobStore(session, 'crowded', 'crowded')
    const listed = await store.listIds('c', 5000)
    expect(listed?.size).toBe(crowded.length)
    for (const id of crowded) expect(listed?.has(id)).toBe(true)
    expect(await store.listIds('c', 1000)).toBeUndefined()
    expect((await store.listIds('d', 1000))?.size).toBe(0)
  })

  /** An uploader over the bucket, which holds one blob under `prefix` and lacks another. */
  async function uploaderWithHeldBlob(prefix: string) {
    const held = idWith(prefix, 1)
    const missing = idWith(prefix, 2)
    const s3Store = new S3BlobStore(session, 'blobs', 'blobs')
    await s3Store.put(held, Buffer.from('held'))
    const { store, calls } = counted(s3Store)
    const uploader = new BlockUploader(router(store), { concurrency: 4, expectedBlocks: 64 })
    return { held, missing, s3Store, store, calls, uploader }
  }

  test('a blob the listing shows is not asked about again; one it lacks is uploaded', async () => {
    const { held, missing, s3Store, calls, uploader } = await uploaderWithHeldBlob('b')
    await Promise.all([
      uploader.store(held, Buffer.from('held')),
      uploader.store(missing, Buffer.from('missing'))
    ])
    expect(uploader.counts).toEqual({ uploaded: 1, present: 1, repeated: 0 })
    expect(calls).toEqual({ asked: 0, put: 1, list: 1 })
    expect(await s3Store.storedSize(missing)).toBe(7)
  })

  test('while a listing is on its way, blobs can be let go and asked about once it comes', async () => {
    const { held, missing, store, calls, uploader } = await uploaderWithHeldBlob('f')
    expect(uploader.awaitsListing(held)).toBe(true)
    expect(await uploader.listedEverywhere(held, 4)).toBe(true)
    expect(await uploader.listedEverywhere(held, 4)).toBe(true)
    // Listed, but not at the blob's length: not present.
    expect(await uploader.listedEverywhere(held, 5)).toBe(false)
    expect(await uploader.listedEverywhere(missing, 7)).toBe(false)
    expect(uploader.awaitsListing(missing)).toBe(false)
    // The blob the listing lacks is then stored without asking about it again.
    await uploader.store(missing, Buffer.from('missing'))
    expect(uploader.counts).toEqual({ uploaded: 1, present: 1, repeated: 1 })
    expect(calls).toEqual({ asked: 0, put: 1, list: 1 })

    // Nothing to wait for when the pack is too small to list.
    const small = new BlockUploader(router(store), { concurrency: 4, expectedBlocks: 10 })
    expect(small.awaitsListing(held)).toBe(false)
  })

  test('a prefix crowded with unrelated blobs goes back to asking blob by blob', async () => {
    const { store, calls } = counted(new S3BlobStore(session, 'crowded', 'crowded'))
    // 32 expected blocks allow one page per prefix; the prefix holds 1001 keys.
    const uploader = new BlockUploader(router(store), { concurrency: 4, expectedBlocks: 32 })
    const fresh = idWith('c', 5000)
    await uploader.store(crowded[7], Buffer.from('x'))
    await uploader.store(fresh, Buffer.from('fresh'))
    expect(uploader.counts).toEqual({ uploaded: 1, present: 1, repeated: 0 })
    // The whole bucket is too large to list, and so is the prefix.
    expect(calls).toEqual({ asked: 2, put: 1, list: 2 })
    // Another prefix, with no keys, is listed on its own.
    await uploader.store(idWith('d', 1), Buffer.from('d'))
    expect(calls).toEqual({ asked: 2, put: 2, list: 3 })
  })

  test('a refused listing (403) sends every prefix back to asking, and every blob is stored', async () => {
    // Listings are GETs of the bucket itself; everything else goes through.
    const proxy = await startFaultyProxy(s3.endpoint, {
      failureRate: 0,
      refuse: (method, path) => method === 'GET' && path.split('/').filter(Boolean).length === 1
    })
    const proxied = testSession(s3, proxy.endpoint)
    try {
      const { store, calls } = counted(new S3BlobStore(proxied, 'refused', 'refused'))
      const uploader = new BlockUploader(router(store), { concurrency: 4, expectedBlocks: 64 })
      const ids = ['0', '5', 'a', 'f'].map((prefix, seed) => idWith(prefix, seed))
      await Promise.all(ids.map(id => uploader.store(id, Buffer.from(id))))
      expect(uploader.counts).toEqual({ uploaded: 4, present: 0, repeated: 0 })
      expect(calls).toEqual({ asked: 4, put: 4, list: 1 })
      const direct = new S3BlobStore(session, 'refused', 'refused')
      for (const id of ids) expect(await direct.storedSize(id)).toBe(64)
    } finally {
      proxied.destroy()
      await proxy.stop()
    }
  })

  test('small packs do not list', async () => {
    const { store, calls } = counted(new S3BlobStore(session, 'blobs', 'blobs'))
    const uploader = new BlockUploader(router(store), { concurrency: 4, expectedBlocks: 10 })
    await uploader.store(idWith('e', 1), Buffer.from('e'))
    expect(calls).toEqual({ asked: 1, put: 1, list: 0 })
  })

  test('a re-pack uploads exactly the blobs that went missing from the bucket', async () => {
    const work = tempDir('listing-pack')
    const source = oneBlockFiles(join(work, 'source'), 48, 1)
    const url = `s3://${s3.accessKey}:${encodeURIComponent(s3.secretKey)}@${s3.host}:${s3.port}/packed?region=us-east-1`
    const specs = [{ start: 0, end: 255, url }]
    const pack = async (name: string): Promise<Awaited<ReturnType<typeof packTree>>> =>
      packTree({
        source,
        flistPath: join(work, name),
        stores: await openStores(specs),
        routes: specs,
        tags: [],
        log: () => undefined
      })
    const first = await pack('first.fl')
    expect(first.blocksUploaded).toBe(48)
    const keys = await listKeys(s3, 'packed')
    const removed = [keys[0], keys[20], keys[47]]
    for (const key of removed) {
      await session.client.send(new DeleteObjectCommand({ Bucket: 'packed', Key: key }))
    }
    const again = await pack('again.fl')
    expect(again).toMatchObject({ blocks: 48, blocksUploaded: 3, blocksPresent: 45 })
    expect(await listKeys(s3, 'packed')).toEqual(keys)
    const report = await verifyFlist(join(work, 'again.fl'), 'exists', { stores: specs })
    expect(report.problems).toEqual([])
  })

  test('verify exists lists the bucket rather than asking for each blob, and finds a truncated one', async () => {
    const work = tempDir('listing-verify')
    const source = oneBlockFiles(join(work, 'source'), 48, 500)
    const url = (port: number): string =>
      `s3://${s3.accessKey}:${encodeURIComponent(s3.secretKey)}@${s3.host}:${port}/verified?region=us-east-1`
    const direct = [{ start: 0, end: 255, url: url(s3.port) }]
    const lengths = new Map<string, number>()
    const flist = join(work, 'verified.fl')
    await packTree({
      source,
      flistPath: flist,
      stores: await openStores(direct),
      routes: direct,
      tags: [],
      log: () => undefined,
      encodedLengths: lengths
    })
    const proxy = await startFaultyProxy(s3.endpoint, { failureRate: 0 })
    try {
      const proxied = [{ start: 0, end: 255, url: url(Number(new URL(proxy.endpoint).port)) }]
      const verify = () =>
        verifyFlist(flist, 'exists', { stores: proxied, encodedLengths: lengths })
      expect((await verify()).problems).toEqual([])
      // The whole bucket in one page, not a HEAD per blob.
      expect(proxy.stats.requests).toBe(1)

      const [cut] = await listKeys(s3, 'verified')
      await session.client.send(
        new PutObjectCommand({ Bucket: 'verified', Key: cut, Body: Buffer.from('front') })
      )
      expect((await verify()).problems).toEqual([
        `block ${cut}: wrong size in ${stripPassword(proxied[0].url)} (5 bytes; it was encoded to ${lengths.get(cut)})`
      ])
      expect(proxy.stats.requests).toBe(2)
    } finally {
      await proxy.stop()
    }
  })

  test('verify exists after a pack answers from its listings and puts, with no request', async () => {
    const work = tempDir('contents-verify')
    const source = oneBlockFiles(join(work, 'source'), 48, 900)
    const proxy = await startFaultyProxy(s3.endpoint, { failureRate: 0 })
    try {
      const port = Number(new URL(proxy.endpoint).port)
      const stores = [
        {
          start: 0,
          end: 255,
          url: `s3://${s3.accessKey}:${encodeURIComponent(s3.secretKey)}@${s3.host}:${port}/contents?region=us-east-1`
        }
      ]
      // Half the blobs are in the bucket before the pack: its listing names them.
      const half = oneBlockFiles(join(work, 'half'), 24, 900)
      const pack = (
        tree: string,
        flistPath: string,
        contents?: StoreContents,
        lengths?: Map<string, number>
      ) =>
        openStores(stores).then(opened =>
          packTree({
            source: tree,
            flistPath,
            stores: opened,
            routes: stores,
            tags: [],
            log: () => undefined,
            encodedLengths: lengths,
            storeContents: contents
          })
        )
      await pack(half, join(work, 'half.fl'))
      const contents = new StoreContents()
      const lengths = new Map<string, number>()
      const flist = join(work, 'all.fl')
      const counts = await pack(source, flist, contents, lengths)
      expect(counts).toMatchObject({ blocksUploaded: 24, blocksPresent: 24 })
      const before = proxy.stats.requests
      const report = await verifyFlist(flist, 'exists', {
        stores,
        encodedLengths: lengths,
        storeContents: contents
      })
      expect(report).toMatchObject({ blocksChecked: 48, problems: [] })
      expect(proxy.stats.requests).toBe(before)
      // A blob the run recorded at another size than it encoded is a finding, not a request.
      const [id] = [...lengths.keys()]
      const [store] = (await openStores(stores)).routes.map(route => route.store)
      contents.holds(store, id, lengths.get(id)! - 1)
      const again = await verifyFlist(flist, 'exists', {
        stores,
        encodedLengths: lengths,
        storeContents: contents
      })
      expect(again.problems).toHaveLength(1)
      expect(again.problems[0]).toMatch(new RegExp(`^block ${id}: wrong size`))
      expect(proxy.stats.requests).toBe(before)
    } finally {
      await proxy.stop()
    }
  })

  test('blocks do not wait for a slow listing holding their blobs; what it lacks is encoded again, from unchanged files', async () => {
    const work = tempDir('listing-held')
    const source = join(work, 'source')
    mkdirSync(source)
    // 32 blocks of a full chunk each, 16 MB: four times what the pack may hold in memory here.
    for (let index = 0; index < 32; index++) {
      writeFileSync(join(source, `file${index}`), pseudoRandomBytes(524_288, index + 100))
    }
    const proxy = await startFaultyProxy(s3.endpoint, { failureRate: 0, holdListings: true })
    try {
      const { port } = new URL(proxy.endpoint)
      const secret = encodeURIComponent(s3.secretKey)
      const direct = [{ start: 0, end: 255, url: `${s3Url(secret, s3.port)}` }]
      const proxied = [{ start: 0, end: 255, url: `${s3Url(secret, Number(port))}` }]
      const pack = async (name: string, specs: typeof direct, log: (line: string) => void) =>
        packTree({
          source,
          flistPath: join(work, name),
          // Without the change under test, the held listing is given up on after 10 s.
          stores: await openStores(specs, 'write', {
            s3Requests: { attempts: 1, timeoutMs: 10_000 }
          }),
          routes: direct,
          tags: [],
          maxPendingBlocks: 1,
          progressIntervalMs: 5,
          log
        })
      expect((await pack('first.fl', direct, () => undefined)).blocksUploaded).toBe(32)
      const keys = await listKeys(s3, 'held')
      for (const key of [keys[3], keys[17], keys[30]]) {
        await session.client.send(new DeleteObjectCommand({ Bucket: 'held', Key: key }))
      }

      // The listing is held until every chunk has been encoded, the only request made by then.
      // Were blobs kept until it came, encoding would stop at the memory bound until the client
      // gave up on the listing and asked about each blob instead.
      let encodedBeforeListing = false
      const again = await pack('again.fl', proxied, line => {
        if (!/ (16\.8)\/\1 MB,/.test(line)) return
        encodedBeforeListing ||= proxy.stats.requests === 1
        proxy.releaseListings()
      })
      expect(encodedBeforeListing).toBe(true)
      expect(again).toMatchObject({ blocks: 32, blocksUploaded: 3, blocksPresent: 29 })
      expect(await listKeys(s3, 'held')).toEqual(keys)
      const report = await verifyFlist(join(work, 'again.fl'), 'full', { stores: direct })
      expect(report.problems).toEqual([])
    } finally {
      await proxy.stop()
    }

    // A file that changes between its first encoding and the second is refused, not mixed up.
    for (const key of await listKeys(s3, 'held')) {
      await session.client.send(new DeleteObjectCommand({ Bucket: 'held', Key: key }))
    }
    const second = await startFaultyProxy(s3.endpoint, { failureRate: 0, holdListings: true })
    try {
      const url = s3Url(encodeURIComponent(s3.secretKey), Number(new URL(second.endpoint).port))
      let changed = false
      const packing = packTree({
        source,
        flistPath: join(work, 'changed.fl'),
        stores: await openStores([{ start: 0, end: 255, url }]),
        routes: [{ start: 0, end: 255, url }],
        tags: [],
        maxPendingBlocks: 1,
        progressIntervalMs: 5,
        log: line => {
          if (changed || !/ (16\.8)\/\1 MB,/.test(line)) return
          changed = true
          writeFileSync(join(source, 'file7'), pseudoRandomBytes(524_288, 7777))
          second.releaseListings()
        }
      })
      await expect(packing).rejects.toThrow(
        /\/file7 changed while it was being packed: pack a tree nothing writes to$/
      )
      expect(existsSync(join(work, 'changed.fl'))).toBe(false)
    } finally {
      await second.stop()
    }

    function s3Url(secret: string, port: number): string {
      return `s3://${s3.accessKey}:${secret}@${s3.host}:${port}/held?region=us-east-1`
    }
  })
})
