import { lstatSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from '@jest/globals'
import { inodeRecord } from '../../../src/flist/pack/record.js'
import { walkTree, type TreeItem } from '../../../src/flist/pack/walk.js'
import { tempDir } from '../../helpers/tree.js'

describe('inodeRecord', () => {
  const tree = tempDir('record')
  let items: Map<string, TreeItem>

  beforeAll(async () => {
    mkdirSync(join(tree, 'dir'))
    for (let n = 0; n < 300; n++)
      writeFileSync(join(tree, 'dir', `entry-with-a-long-name-${n}`), '')
    writeFileSync(join(tree, 'old.txt'), 'twelve bytes')
    // 1.6e9 s and 999 ms: recorded as the whole second.
    utimesSync(join(tree, 'old.txt'), 1_600_000_000.999, 1_600_000_000.999)
    symlinkSync('../elsewhere', join(tree, 'link'))
    items = new Map((await walkTree(tree)).map(item => [item.name.toString(), item]))
  })

  test('records what lstat found, times in whole seconds', () => {
    const path = join(tree, 'old.txt')
    const stats = lstatSync(path)
    expect(inodeRecord(items.get('old.txt')!, {})).toEqual({
      ino: items.get('old.txt')!.ino,
      parent: 1,
      name: 'old.txt',
      size: 12,
      uid: stats.uid,
      gid: stats.gid,
      mode: stats.mode,
      rdev: stats.rdev,
      ctime: Math.floor(stats.ctimeMs / 1000),
      mtime: 1_600_000_000,
      data: undefined
    })
  })

  test("records a directory's size as 4096, whatever its filesystem says", () => {
    expect(lstatSync(join(tree, 'dir')).size).not.toBe(4096)
    expect(inodeRecord(items.get('dir')!, {}).size).toBe(4096)
  })

  test("records a symlink's target bytes", () => {
    const record = inodeRecord(items.get('link')!, {})
    expect(Buffer.from(record.data!).toString()).toBe('../elsewhere')
  })

  test('records the owner given, and no time later than SOURCE_DATE_EPOCH', () => {
    const options = { owner: { uid: 1234, gid: 7 }, sourceDateEpoch: 1_700_000_000 }
    // ctime is now: clamped. The mtime set long before stays as it is.
    expect(inodeRecord(items.get('old.txt')!, options)).toMatchObject({
      uid: 1234,
      gid: 7,
      ctime: 1_700_000_000,
      mtime: 1_600_000_000
    })
  })
})
