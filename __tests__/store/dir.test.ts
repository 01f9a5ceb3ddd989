import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { DirBlobStore } from '../../src/store/dir.js'
import { tempDir } from '../helpers/tree.js'

const ID_00 = '00'.repeat(32)
const ID_7F = '7f' + 'ab'.repeat(31)
const ID_80 = '80' + 'cd'.repeat(31)
const ID_81 = '81' + 'cd'.repeat(31)
const ID_8F = '8f' + 'cd'.repeat(31)
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

  test('a listing names the blobs under its prefix, flat and sharded, and sizes those asked about; *.tmp files are no blobs', async () => {
    const root = tempDir('dir-listing')
    writeFileSync(join(root, ID_80), 'flat')
    writeFileSync(join(root, ID_7F), 'other prefix')
    writeFileSync(join(root, `${ID_80.slice(0, 63)}1.0123456789ab0.tmp`), 'unfinished')
    mkdirSync(join(root, '8f'))
    writeFileSync(join(root, '8f', ID_8F), 'sharded')
    mkdirSync(join(root, 'ff'))
    writeFileSync(join(root, 'ff', ID_FF), 'other shard')
    const store = new DirBlobStore(root)
    const listing = await store.listIds('8', 10)
    expect(listing?.size).toBe(2)
    expect(await listing?.storedSize(ID_80)).toBe(4)
    expect(await listing?.storedSize(ID_7F)).toBeUndefined()
    expect(await listing?.storedSize(ID_FF)).toBeUndefined()
    // Found in the older layout: moved flat, for every rfs to read.
    expect(await listing?.storedSize(ID_8F)).toBe(7)
    expect(existsSync(join(root, ID_8F))).toBe(true)
    expect((await store.listIds('', 10))?.size).toBe(4)
  })

  test('a listing is a snapshot, taken again each time', async () => {
    const root = tempDir('dir-snapshot')
    const store = new DirBlobStore(root)
    const listing = await store.listIds('', 10)
    await store.put(ID_00, Buffer.from('later'))
    expect(await listing?.storedSize(ID_00)).toBeUndefined()
    expect(await (await store.listIds('', 10))?.storedSize(ID_00)).toBe(5)
    expect((await new DirBlobStore(join(root, 'missing')).listIds('', 10))?.size).toBe(0)
  })

  test('a listing past its limit gives up, so the caller asks blob by blob', async () => {
    const root = tempDir('dir-limit')
    for (const id of [ID_80, ID_8F]) writeFileSync(join(root, id), 'flat')
    mkdirSync(join(root, '81'))
    writeFileSync(join(root, '81', ID_81), 'sharded')
    const store = new DirBlobStore(root)
    expect(await store.listIds('8', 1)).toBeUndefined()
    expect(await store.listIds('8', 2)).toBeUndefined()
    expect((await store.listIds('8', 3))?.size).toBe(3)
    expect((await store.listIds('7', 0))?.size).toBe(0)
  })

  test('names that are no blob ids count for nothing, and a blob is looked for in its own shard only', async () => {
    const root = tempDir('dir-junk')
    writeFileSync(join(root, ID_80), 'flat')
    for (const junk of ['8'.repeat(63) + 'G', ID_8F.toUpperCase()])
      writeFileSync(join(root, junk), 'x')
    mkdirSync(join(root, '81'))
    writeFileSync(join(root, '81', ID_8F), 'misplaced')
    const listing = await new DirBlobStore(root).listIds('8', 1)
    expect(listing?.size).toBe(1)
    expect(await listing?.storedSize(ID_8F)).toBeUndefined()
  })
})
