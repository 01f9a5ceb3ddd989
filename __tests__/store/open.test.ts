import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { DirBlobStore } from '../../src/store/dir.js'
import { HttpBlobStore } from '../../src/store/http.js'
import { openStore } from '../../src/store/open.js'
import { tempDir } from '../helpers/tree.js'

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
