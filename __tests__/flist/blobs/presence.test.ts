import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { StoreContents } from '../../../src/flist/blobs/contents.js'
import { findMissing } from '../../../src/flist/blobs/presence.js'
import { DirBlobStore } from '../../../src/store/dir.js'
import { StoreRouter } from '../../../src/store/router.js'
import { counted, idWith, router } from '../../helpers/counted-store.js'
import { tempDir } from '../../helpers/tree.js'

const encodedTo = (length: number) =>
  ({ min: length, max: length, reason: `it was encoded to ${length}` }) as const

describe('the exists check', () => {
  test('answers from a listing, sizes included, and asks blob by blob where a store cannot list', async () => {
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

    const unlisted = counted(new DirBlobStore(root))
    unlisted.store.listIds = async () => {
      unlisted.calls.list++
      throw new Error('listing denied')
    }
    expect((await findMissing(router(unlisted.store), expected, 4)).sort()).toEqual(findings.sort())
    expect(unlisted.calls).toEqual({ asked: 41, put: 0, list: 1 })
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
