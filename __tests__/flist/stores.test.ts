import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../src/errors.js'
import { DirBlobStore } from '../../src/store/dir.js'
import { HttpBlobStore } from '../../src/store/http.js'
import { openStore, openStores } from '../../src/store/open.js'
import { tempDir } from './helpers/tree.js'

const ID_00 = '00'.repeat(32)
const ID_7F = '7f' + 'ab'.repeat(31)
const ID_80 = '80' + 'cd'.repeat(31)
const ID_FF = 'ff'.repeat(32)

describe('dir store', () => {
  test('puts blobs at ROOT/hh/<hex id> and reads them back', async () => {
    const root = tempDir('dir-store')
    const store = new DirBlobStore(root)
    expect(await store.exists(ID_7F)).toBe(false)
    expect(await store.get(ID_7F)).toBeUndefined()
    await store.put(ID_7F, Buffer.from('blob'))
    expect(readFileSync(join(root, '7f', ID_7F), 'utf8')).toBe('blob')
    expect(await store.exists(ID_7F)).toBe(true)
    expect((await store.get(ID_7F))?.toString()).toBe('blob')
  })

  test('reads the flat layout too', async () => {
    const root = tempDir('dir-flat')
    writeFileSync(join(root, ID_80), 'flat')
    const store = new DirBlobStore(root)
    expect(await store.exists(ID_80)).toBe(true)
    expect((await store.get(ID_80))?.toString()).toBe('flat')
  })

  test('putIfAbsentSync writes only what neither layout holds, and each blob once', () => {
    const root = tempDir('dir-put-if-absent')
    writeFileSync(join(root, ID_80), 'flat')
    mkdirSync(join(root, 'ff'))
    writeFileSync(join(root, 'ff', ID_FF), 'sharded')
    const store = new DirBlobStore(root)

    expect(store.putIfAbsentSync(ID_80, Buffer.from('new'))).toBe(false)
    expect(existsSync(join(root, '80'))).toBe(false)
    expect(store.putIfAbsentSync(ID_FF, Buffer.from('new'))).toBe(false)
    expect(readFileSync(join(root, 'ff', ID_FF), 'utf8')).toBe('sharded')

    expect(store.putIfAbsentSync(ID_7F, Buffer.from('blob'))).toBe(true)
    expect(store.putIfAbsentSync(ID_7F, Buffer.from('blob'))).toBe(false)
    expect(readFileSync(join(root, '7f', ID_7F), 'utf8')).toBe('blob')
    // A shard that existed before is asked on disk each time: another writer may fill it.
    const later = 'ff' + '01'.repeat(31)
    writeFileSync(join(root, 'ff', later), 'other')
    expect(store.putIfAbsentSync(later, Buffer.from('x'))).toBe(false)
    expect(readFileSync(join(root, 'ff', later), 'utf8')).toBe('other')
  })

  test('putIfAbsentSync asks nothing of a shard the store lacked when it first wrote', () => {
    const root = tempDir('dir-new-shards')
    mkdirSync(join(root, 'ff'))
    const store = new DirBlobStore(root)
    expect(store.putIfAbsentSync(ID_7F, Buffer.from('blob'))).toBe(true)
    // Whoever else writes into such a shard writes the blob a name stands for, so a name
    // appearing there is not looked for: the blob is written again (here, visibly).
    const sibling = '7f' + '02'.repeat(31)
    writeFileSync(join(root, '7f', sibling), 'same bytes, in truth')
    expect(store.putIfAbsentSync(sibling, Buffer.from('blob 2'))).toBe(true)
    expect(readFileSync(join(root, '7f', sibling), 'utf8')).toBe('blob 2')
    // A shard that was there is still asked.
    writeFileSync(join(root, 'ff', ID_FF), 'sharded')
    expect(store.putIfAbsentSync(ID_FF, Buffer.from('new'))).toBe(false)
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
      [ID_00, ID_7F, ID_80, ID_FF].filter(id => existsSync(join(root, id.slice(0, 2), id)))
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
