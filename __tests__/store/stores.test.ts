import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { DirBlobStore } from '../../src/store/dir.js'
import { HttpBlobStore } from '../../src/store/http.js'
import { openStore, openStores } from '../../src/store/open.js'
import { tempDir } from '../helpers/tree.js'

const ID_00 = '00'.repeat(32)
const ID_7F = '7f' + 'ab'.repeat(31)
const ID_80 = '80' + 'cd'.repeat(31)
const ID_FF = 'ff'.repeat(32)

describe('dir store', () => {
  test('puts blobs flat, at ROOT/<hex id>, and reads them back', async () => {
    const root = tempDir('dir-store')
    const store = new DirBlobStore(root)
    expect(await store.storedSize(ID_7F)).toBeUndefined()
    expect(await store.get(ID_7F)).toBeUndefined()
    await store.put(ID_7F, Buffer.from('blob'))
    // The layout every rfs reads: rfs releases read nothing else.
    expect(readdirSync(root)).toEqual([ID_7F])
    expect(readFileSync(join(root, ID_7F), 'utf8')).toBe('blob')
    expect(await store.storedSize(ID_7F)).toBe(4)
    expect((await store.get(ID_7F))?.toString()).toBe('blob')
  })

  test('reads the sharded layout of earlier versions too', async () => {
    const root = tempDir('dir-sharded')
    mkdirSync(join(root, '80'))
    writeFileSync(join(root, '80', ID_80), 'sharded')
    const store = new DirBlobStore(root)
    expect(await store.storedSize(ID_80)).toBe(7)
    expect((await store.get(ID_80))?.toString()).toBe('sharded')
  })

  test('a sharded copy found whole is moved flat; a put removes one of another size', async () => {
    const root = tempDir('dir-sharded-move')
    mkdirSync(join(root, 'ff'))
    writeFileSync(join(root, 'ff', ID_FF), 'sharded')
    mkdirSync(join(root, '00'))
    writeFileSync(join(root, '00', ID_00), 'cut')
    const store = new DirBlobStore(root)
    // Found in the older layout: moved flat, for every rfs to read.
    expect(await store.storedSize(ID_FF)).toBe(7)
    expect(readFileSync(join(root, ID_FF), 'utf8')).toBe('sharded')
    expect(existsSync(join(root, 'ff', ID_FF))).toBe(false)
    // Of another size than the blob's: what a cut-off write leaves; written again, flat.
    await store.put(ID_00, Buffer.from('whole'))
    expect(readFileSync(join(root, ID_00), 'utf8')).toBe('whole')
    expect(existsSync(join(root, '00', ID_00))).toBe(false)
  })

  test('a listing reads the root once and gives sizes of the blobs asked about; *.tmp files are no blobs', async () => {
    const root = tempDir('dir-listing')
    writeFileSync(join(root, ID_80), 'flat')
    writeFileSync(join(root, `${ID_7F}.0123456789ab0.tmp`), 'unfinished')
    mkdirSync(join(root, 'ff'))
    writeFileSync(join(root, 'ff', ID_FF), 'sharded')
    const store = new DirBlobStore(root)
    const listing = await store.listIds()
    expect(await listing.storedSize(ID_80)).toBe(4)
    expect(await listing.storedSize(ID_FF)).toBe(7)
    expect(existsSync(join(root, ID_FF))).toBe(true)
    expect(await listing.storedSize(ID_7F)).toBeUndefined()
    // A snapshot: what is written after it is not in it.
    await store.put(ID_00, Buffer.from('later'))
    expect(await listing.storedSize(ID_00)).toBeUndefined()
    expect(await (await store.listIds()).storedSize(ID_00)).toBeUndefined()
    expect(await new DirBlobStore(root).listIds().then(fresh => fresh.storedSize(ID_00))).toBe(5)
  })
})

describe('router', () => {
  test('shards by range and replicates where ranges overlap', async () => {
    const [low, high, all] = ['low', 'high', 'all'].map(name => join(tempDir('router'), name))
    const router = await openStores([
      { start: 0x00, end: 0x7f, url: `dir://${low}` },
      { start: 0x80, end: 0xff, url: `dir://${high}` },
      { start: 0x00, end: 0xff, url: `dir://${all}` }
    ])
    for (const id of [ID_00, ID_7F, ID_80, ID_FF]) await router.put(id, Buffer.from(id.slice(0, 2)))
    const held = (root: string): string[] =>
      [ID_00, ID_7F, ID_80, ID_FF].filter(id => existsSync(join(root, id)))
    expect(held(low)).toEqual([ID_00, ID_7F])
    expect(held(high)).toEqual([ID_80, ID_FF])
    expect(held(all)).toEqual([ID_00, ID_7F, ID_80, ID_FF])
    expect(router.uncoveredPrefixes()).toEqual([])
    expect((await router.get(ID_FF))?.toString()).toBe('ff')
  })

  test('knows which prefixes no store covers, and refuses to place such a blob', async () => {
    const router = await openStores([
      { start: 0x10, end: 0xfe, url: `dir://${tempDir('partial')}` }
    ])
    expect(router.uncoveredPrefixes()).toEqual([...Array(16).keys(), 0xff])
    await expect(router.put(ID_00, Buffer.from('x'))).rejects.toThrow(
      /no store takes blobs starting with 00/
    )
  })
})

describe('opening store URLs', () => {
  test('zdb:// points to the rfs engine, without leaking credentials', async () => {
    const error = await openStore('zdb://user:hunter2@hub.grid.tf:9900/ns').catch(e => e)
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(/engine: rfs/)
    expect(error.message).not.toMatch(/hunter2/)
  })

  test.each(['zdb://user:hun@ter2@hub.grid.tf:9900/ns', 'zdb://user:hun/ter2@hub.grid.tf:9900/ns'])(
    'no piece of a password holding @ or / shows: %s',
    async url => {
      const error = await openStore(url).catch(e => e)
      expect(error.message).toBe(
        'store zdb://hub.grid.tf:9900: zdb:// stores are written by the rfs binary only; set engine: rfs'
      )
    }
  )

  test('http(s):// is read-only: refused for writing, opened for reading', async () => {
    await expect(openStore('https://hub.grid.tf/blobs')).rejects.toThrow(/read-only.*engine: rfs/)
    expect(await openStore('https://hub.grid.tf/blobs', 'read')).toBeInstanceOf(HttpBlobStore)
  })

  test('unknown schemes and dir:// without an absolute path are refused', async () => {
    await expect(openStore('ftp://example.com/x')).rejects.toThrow(/unknown store type/)
    await expect(openStore('dir://relative/path')).rejects.toThrow(/absolute path/)
  })

  test('dir:// paths are percent-decoded', async () => {
    const root = join(tempDir('dir-space'), 'with space')
    mkdirSync(root)
    const store = await openStore(`dir://${root.replace(/ /g, '%20')}`)
    expect(store).toBeInstanceOf(DirBlobStore)
    expect((store as DirBlobStore).root).toBe(root)
  })
})
