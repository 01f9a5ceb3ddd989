import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { openStores } from '../../src/store/open.js'
import { tempDir } from '../helpers/tree.js'

const ID_00 = '00'.repeat(32)
const ID_7F = '7f' + 'ab'.repeat(31)
const ID_80 = '80' + 'cd'.repeat(31)
const ID_FF = 'ff'.repeat(32)

describe('router', () => {
  test('shards by range and replicates where ranges overlap', async () => {
    const [low, high, all] = ['low', 'high', 'all'].map(name => join(tempDir('router'), name))
    const router = await openStores([
      { start: 0x00, end: 0x7f, url: `dir://${low}` },
      { start: 0x80, end: 0xff, url: `dir://${high}` },
      { start: 0x00, end: 0xff, url: `dir://${all}` }
    ])
    for (const id of [ID_00, ID_7F, ID_80, ID_FF]) {
      for (const store of router.storesToWrite(id)) await store.put(id, Buffer.from(id.slice(0, 2)))
    }
    const held = (root: string): string[] =>
      [ID_00, ID_7F, ID_80, ID_FF].filter(id => existsSync(join(root, id)))
    expect(held(low)).toEqual([ID_00, ID_7F])
    expect(held(high)).toEqual([ID_80, ID_FF])
    expect(held(all)).toEqual([ID_00, ID_7F, ID_80, ID_FF])
    expect(router.uncoveredPrefixes()).toEqual([])
    expect((await router.get(ID_FF))?.toString()).toBe('ff')
  })

  test('reads a blob from the first responsible store that has it', async () => {
    const [first, second] = ['first', 'second'].map(name => join(tempDir('router-read'), name))
    const router = await openStores([
      { start: 0x00, end: 0xff, url: `dir://${first}` },
      { start: 0x00, end: 0xff, url: `dir://${second}` }
    ])
    const [inFirst, inSecond] = router.routes.map(route => route.store)
    await inSecond.put(ID_80, Buffer.from('second'))
    expect((await router.get(ID_80))?.toString()).toBe('second')
    await inFirst.put(ID_80, Buffer.from('first'))
    expect((await router.get(ID_80))?.toString()).toBe('first')
    expect(await router.get(ID_00)).toBeUndefined()
  })

  test('knows which prefixes no store covers, and refuses to place such a blob', async () => {
    const router = await openStores([
      { start: 0x10, end: 0xfe, url: `dir://${tempDir('partial')}` }
    ])
    expect(router.uncoveredPrefixes()).toEqual([...Array(16).keys(), 0xff])
    expect(() => router.storesToWrite(ID_00)).toThrow(/no store takes blobs starting with 00/)
  })
})
