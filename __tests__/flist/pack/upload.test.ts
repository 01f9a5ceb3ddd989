import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { BlockUploader, type UploaderOptions } from '../../../src/flist/pack/upload.js'
import { openStores } from '../../../src/store/open.js'
import { tempDir } from '../../helpers/tree.js'

/** Hex ids of the shape stores take; the uploader does not hash what it stores. */
const id = (first: string, last = '0'): string => `${first}${'0'.repeat(61)}${last}`
const blob = (text: string): Buffer => Buffer.from(text)

/** An uploader over directory stores, each taking the ids of its range. */
async function uploaderOver(
  stores: Array<[start: number, end: number, root: string]>,
  options: Partial<UploaderOptions> = {}
): Promise<BlockUploader> {
  const router = await openStores(
    stores.map(([start, end, root]) => ({ start, end, url: `dir://${root}` }))
  )
  return new BlockUploader(router, { concurrency: 4, ...options })
}

describe('BlockUploader', () => {
  const work = tempDir('upload')

  test('stores a blob in every store of its range, once however often it is given', async () => {
    const [low, all] = [join(work, 'low'), join(work, 'all')]
    const uploader = await uploaderOver([
      [0x00, 0x7f, low],
      [0x00, 0xff, all]
    ])
    await uploader.store(id('10'), blob('low blob'))
    await uploader.store(id('f0'), blob('high blob'))
    await uploader.store(id('10'), blob('low blob'))
    expect(readFileSync(join(low, id('10'))).toString()).toBe('low blob')
    expect(readFileSync(join(all, id('10'))).toString()).toBe('low blob')
    expect(readFileSync(join(all, id('f0'))).toString()).toBe('high blob')
    expect(() => readFileSync(join(low, id('f0')))).toThrow(/ENOENT/)
    expect(uploader.counts).toEqual({ uploaded: 2, present: 0, repeated: 1 })
  })

  test('leaves a copy of the right size alone, and writes over a cut-off one', async () => {
    const [whole, cut] = [join(work, 'whole'), join(work, 'cut')]
    for (const root of [whole, cut]) mkdirSync(root, { recursive: true })
    // The same size as the blob: taken as the blob, never read nor written.
    writeFileSync(join(whole, id('aa')), 'SAME SIZE')
    writeFileSync(join(cut, id('aa')), 'same')
    const uploader = await uploaderOver([
      [0x00, 0xff, whole],
      [0x00, 0xff, cut]
    ])
    await uploader.store(id('aa'), blob('same size'))
    expect(readFileSync(join(whole, id('aa'))).toString()).toBe('SAME SIZE')
    expect(readFileSync(join(cut, id('aa'))).toString()).toBe('same size')
    expect(uploader.counts).toEqual({ uploaded: 1, present: 0, repeated: 0 })

    const again = await uploaderOver([
      [0x00, 0xff, whole],
      [0x00, 0xff, cut]
    ])
    await again.store(id('aa'), blob('same size'))
    expect(again.counts).toEqual({ uploaded: 0, present: 1, repeated: 0 })
  })

  test('tells the size the stores hold a blob at, only when every store holds it so', async () => {
    const [one, two] = [join(work, 'held-1'), join(work, 'held-2')]
    for (const root of [one, two]) mkdirSync(root, { recursive: true })
    for (const root of [one, two]) writeFileSync(join(root, id('01')), '12345')
    writeFileSync(join(one, id('02')), '12345')
    writeFileSync(join(one, id('03')), '12345')
    writeFileSync(join(two, id('03')), '1234')
    const uploader = await uploaderOver([
      [0x00, 0xff, one],
      [0x00, 0xff, two]
    ])
    expect(await uploader.heldSize(id('01'))).toBe(5)
    expect(await uploader.heldSize(id('02'))).toBeUndefined()
    expect(await uploader.heldSize(id('03'))).toBeUndefined()
    expect(uploader.counts).toEqual({ uploaded: 0, present: 1, repeated: 0 })
  })

  test('with enough blocks expected, answers from the listings of the stores', async () => {
    const root = join(work, 'listed')
    mkdirSync(root, { recursive: true })
    writeFileSync(join(root, id('5a', '1')), '12345')
    const uploader = await uploaderOver([[0x00, 0xff, root]], { expectedBlocks: 1000 })
    expect(await uploader.listedEverywhere(id('5a', '1'), 5)).toBe(true)
    expect(await uploader.listedEverywhere(id('5a', '1'), 6)).toBe(false)
    expect(await uploader.listedEverywhere(id('5a', '2'), 5)).toBe(false)
    expect(uploader.awaitsListing(id('5a', '2'))).toBe(false)
    expect(uploader.counts).toEqual({ uploaded: 0, present: 1, repeated: 0 })
  })

  test('a store that cannot take the blob fails with one line naming the block and the store', async () => {
    const notADirectory = join(work, 'a-file')
    writeFileSync(notADirectory, 'a file where the store directory should be')
    const uploader = await uploaderOver([[0x00, 0xff, notADirectory]])
    await expect(uploader.store(id('bb'), blob('blob'))).rejects.toThrow(
      new RegExp(`^storing block ${id('bb')} in dir://${notADirectory} failed: .*ENOTDIR[^\\n]*$`)
    )
  })
})
