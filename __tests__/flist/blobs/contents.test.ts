import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { StoreContents, UNTOLD } from '../../../src/flist/blobs/contents.js'
import { DirBlobStore } from '../../../src/store/dir.js'
import { idWith } from '../../helpers/counted-store.js'
import { tempDir } from '../../helpers/tree.js'

describe('StoreContents', () => {
  const root = join(tempDir('contents'), 'store')
  const [listedA, unlistedA, putA] = [1, 2, 3].map(seed => idWith('a', seed))
  const otherPrefix = idWith('b', 1)

  test('tells nothing of a store it has heard nothing about', async () => {
    expect(await new StoreContents().storedSize(new DirBlobStore(root), listedA)).toBe(UNTOLD)
  })

  test("answers from a prefix's listing and from what was put since, and only for them", async () => {
    const store = new DirBlobStore(root)
    await store.put(listedA, Buffer.from('listed'))
    const contents = new StoreContents()
    contents.listed(store, 'a', (await store.listIds('a', 100))!)
    // Put after the listing was taken: the listing does not name it.
    await store.put(putA, Buffer.from('put later'))
    contents.holds(store, putA, 9)

    expect(await contents.storedSize(store, listedA)).toBe(6)
    expect(await contents.storedSize(store, unlistedA)).toBeUndefined()
    expect(await contents.storedSize(store, putA)).toBe(9)
    expect(await contents.storedSize(store, otherPrefix)).toBe(UNTOLD)
  })

  test('knows a store by its URL: the same store opened again for the check', async () => {
    const contents = new StoreContents()
    contents.holds(new DirBlobStore(root), putA, 9)
    expect(await contents.storedSize(new DirBlobStore(root), putA)).toBe(9)
    expect(await contents.storedSize(new DirBlobStore(`${root}-other`), putA)).toBe(UNTOLD)
  })
})
