import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { StoreContents } from '../../../src/flist/blobs/contents.js'
import { findMissing } from '../../../src/flist/blobs/presence.js'
import { DirBlobStore } from '../../../src/store/dir.js'
import { HttpBlobStore } from '../../../src/store/http.js'
import { S3BlobStore } from '../../../src/store/s3.js'
import { StoreRouter } from '../../../src/store/router.js'
import { counted, idWith, router } from '../../helpers/counted-store.js'
import { startFaultyProxy } from '../../helpers/faulty-proxy.js'
import { startFileServer } from '../../helpers/rfs/standin.js'
import { s3WithSession, testSession } from '../../helpers/s3-session.js'
import { truncateObject } from '../../../peers/s3.js'
import { tempDir } from '../../helpers/tree.js'

const encodedTo = (length: number) =>
  ({ min: length, max: length, reason: `it was encoded to ${length}` }) as const

describe('the exists check', () => {
  test('answers from a listing, sizes included, and from what an upload step recorded', async () => {
    const root = tempDir('presence')
    const ids = Array.from({ length: 40 }, (_, seed) => idWith((seed % 16).toString(16), seed))
    const store = new DirBlobStore(root)
    for (const id of ids) await store.put(id, Buffer.from(id))
    const expected = new Map(
      ids.map(id => [id, { min: 64, max: 64, reason: 'it was encoded to 64' }] as const)
    )
    writeFileSync(join(root, ids[3]), 'cut')
    const gone = idWith('7', 99)
    expected.set(gone, { min: 64, max: 64, reason: 'it was encoded to 64' })
    const findings = [
      `block ${ids[3]}: wrong size in dir://${root} (3 bytes; it was encoded to 64)`,
      `block ${gone}: missing from dir://${root}`
    ]

    const listed = counted(new DirBlobStore(root))
    expect((await findMissing(router(listed.store), expected, 4)).sort()).toEqual(findings.sort())
    expect(listed.calls).toEqual({ asked: 0, put: 0, list: 1 })

    // What an upload step recorded answers without a request: blobs it put, at their sizes.
    const contents = new StoreContents()
    const known = counted(new DirBlobStore(root))
    for (const id of ids.slice(4, 24)) contents.holds(known.store, id, 64)
    contents.holds(known.store, ids[24], 63)
    const wrong = `block ${ids[24]}: wrong size in dir://${root} (63 bytes; it was encoded to 64)`
    expect(
      (await findMissing(router(known.store), expected, 4, undefined, contents)).sort()
    ).toEqual([...findings, wrong].sort())
    // The other 20 are too few to list.
    expect(known.calls).toEqual({ asked: 20, put: 0, list: 0 })
  })

  test('a store that cannot list (http://) is asked blob by blob', async () => {
    const ids = Array.from({ length: 40 }, (_, seed) => idWith((seed % 16).toString(16), seed))
    const files = Object.fromEntries(ids.map(id => [`/${id}`, Buffer.alloc(64, 1)]))
    files[`/${ids[3]}`] = Buffer.from('cut')
    const server = await startFileServer(files)
    try {
      const { store, calls } = counted(new HttpBlobStore(server.url))
      expect(store.listIds).toBeUndefined()
      const gone = idWith('7', 99)
      const expected = new Map([...ids, gone].map(id => [id, encodedTo(64)]))
      expect((await findMissing(router(store), expected, 4)).sort()).toEqual(
        [
          `block ${ids[3]}: wrong size in ${server.url} (3 bytes; it was encoded to 64)`,
          `block ${gone}: missing from ${server.url}`
        ].sort()
      )
      expect(calls).toEqual({ asked: 41, put: 0, list: 0 })
    } finally {
      await server.stop()
    }
  })
})

describe('the exists check where the listing is refused', () => {
  const peer = s3WithSession(['refused'])

  test('a bucket whose listing is refused (403) is asked blob by blob', async () => {
    const ids = Array.from({ length: 40 }, (_, seed) => idWith((seed % 16).toString(16), seed))
    const planted = new S3BlobStore(peer.session, 'refused', 'refused')
    for (const id of ids) await planted.put(id, Buffer.alloc(64, 1))
    await truncateObject(peer.s3, 'refused', ids[3])
    const gone = idWith('7', 99)
    const expected = new Map([...ids, gone].map(id => [id, encodedTo(64)]))
    // Listings are GETs of the bucket itself; blobs are still answered.
    const proxy = await startFaultyProxy(peer.s3.endpoint, {
      failureRate: 0,
      refuse: (method, path) => method === 'GET' && path.split('/').filter(Boolean).length === 1
    })
    const session = testSession(peer.s3, proxy.endpoint)
    try {
      const { store, calls } = counted(new S3BlobStore(session, 'refused', 's3://refused'))
      expect((await findMissing(router(store), expected, 4)).sort()).toEqual(
        [
          `block ${ids[3]}: wrong size in s3://refused (32 bytes; it was encoded to 64)`,
          `block ${gone}: missing from s3://refused`
        ].sort()
      )
      expect(calls).toEqual({ asked: 41, put: 0, list: 1 })
      expect(proxy.log.filter(({ method }) => method === 'GET')).toHaveLength(1)
    } finally {
      session.destroy()
      await proxy.stop()
    }
  })
})

describe('the exists check over several stores', () => {
  const work = tempDir('presence-routes')
  const [low, all] = ['low', 'all'].map(name => join(work, name))
  for (const root of [low, all]) mkdirSync(root)
  const routes = new StoreRouter([
    { start: 0x00, end: 0x7f, store: new DirBlobStore(low) },
    { start: 0x00, end: 0xff, store: new DirBlobStore(all) }
  ])

  test('a replica that lacks a blob is named, as are all the stores that lack it', async () => {
    const [everywhere, lostOnce, lostTwice] = [1, 2, 3].map(seed => idWith('1', seed))
    for (const id of [everywhere, lostOnce]) writeFileSync(join(all, id), 'blob')
    writeFileSync(join(low, everywhere), 'blob')
    const expected = new Map([everywhere, lostOnce, lostTwice].map(id => [id, encodedTo(4)]))
    expect((await findMissing(routes, expected, 4)).sort()).toEqual(
      [
        `block ${lostOnce}: missing from dir://${low}`,
        `block ${lostTwice}: missing from dir://${low} and dir://${all}`
      ].sort()
    )
  })

  test('a blob no store covers is named as such', async () => {
    const half = new StoreRouter([{ start: 0x00, end: 0x7f, store: new DirBlobStore(low) }])
    const high = idWith('f', 1)
    expect(await findMissing(half, new Map([[high, encodedTo(4)]]), 4)).toEqual([
      `block ${high}: no store covers it`
    ])
  })

  test('an abort stops the check with its reason', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop now'))
    const expected = new Map([[idWith('2', 1), encodedTo(4)]])
    await expect(findMissing(routes, expected, 4, controller.signal)).rejects.toThrow('stop now')
  })
})
