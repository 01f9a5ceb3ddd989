// The stores a reader fetches blobs from: the flist's routes, or the stores the caller names.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { FlistReader } from '../../../src/flist/format/reader.js'
import { readerStores } from '../../../src/flist/read/routes.js'
import { flistWith } from '../../helpers/sql-flist.js'
import { tempDir } from '../../helpers/tree.js'
import { UserError } from '../../../src/common/errors.js'

const work = tempDir('routes')
const low = '1a'.repeat(32)
const high = 'e5'.repeat(32)

/** A directory store holding one blob, `id`, whose bytes are the store's name. */
function storeWith(name: string, id: string): string {
  const root = join(work, name)
  mkdirSync(root)
  writeFileSync(join(root, id), name)
  return root
}

async function storesOf(
  routes: string[],
  given?: Array<{ start: number; end: number; url: string }>
) {
  const path = flistWith(work, ...routes.map(route => `insert into route values (${route})`))
  const reader = await FlistReader.open(path)
  try {
    return await readerStores(reader, given)
  } finally {
    reader.close()
  }
}

describe('readerStores', () => {
  const lower = storeWith('lower', low)
  const upper = storeWith('upper', high)

  test("reads each blob from the store the flist's routes give its first byte", async () => {
    const router = await storesOf([`0, 127, 'dir://${lower}'`, `128, 255, 'dir://${upper}'`])
    expect(router.display).toBe(`00-7f=dir://${lower}, 80-ff=dir://${upper}`)
    expect(String(await router.get(low))).toBe('lower')
    expect(String(await router.get(high))).toBe('upper')
  })

  test('takes the stores it is given instead of the routes; an empty list is none given', async () => {
    const routes = [`0, 255, 'dir://${join(work, 'gone')}'`]
    const given = await storesOf(routes, [{ start: 0, end: 255, url: `dir://${upper}` }])
    expect(String(await given.get(high))).toBe('upper')
    expect((await storesOf(routes, [])).display).toBe(`00-ff=dir://${join(work, 'gone')}`)
  })

  test('opens stores to read: an http route, a store only read from, is taken', async () => {
    const router = await storesOf(["0, 255, 'http://127.0.0.1:9/blobs'"])
    expect(router.display).toBe('00-ff=http://127.0.0.1:9/blobs')
  })

  test('a flist with no routes, and no store given, is a user error naming the flist and the fix', async () => {
    const path = flistWith(work)
    const reader = await FlistReader.open(path)
    try {
      const refusal = readerStores(reader)
      await expect(refusal).rejects.toThrow(
        new RegExp(
          `^${path} has no routes: add the store that holds its blobs \\(rfs config -m FLIST store add -s URL\\)$`
        )
      )
      await expect(refusal).rejects.toBeInstanceOf(UserError)
    } finally {
      reader.close()
    }
  })
})
