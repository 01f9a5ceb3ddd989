import { afterAll, describe, expect, test } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  editedRoutes,
  editedTags,
  editFlist,
  replaceRoutes
} from '../../../src/flist/format/edit.js'
import type { InodeRecord } from '../../../src/flist/format/inode.js'
import { S_IFDIR, S_IFREG } from '../../../src/flist/format/modes.js'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { readFlist, sql } from '../../helpers/independent-flist.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('edit')
afterAll(() => rmSync(work, { recursive: true, force: true }))

const route = (start: number, end: number, url: string) => ({ start, end, url })

function inode(ino: number, parent: number, mode: number, time: number): InodeRecord {
  return {
    ino,
    parent,
    name: `e${ino}`,
    size: 3,
    uid: 1000,
    gid: 1000,
    mode,
    rdev: 0,
    ctime: time,
    mtime: time
  }
}

/** Tags in the order they are stored, as readers list them. */
const storedTags = (path: string): string[][] =>
  sql(path, 'select key, value from tag order by rowid').map(row => [
    String(row.key),
    String(row.value)
  ])

let written = 0
/** A root, a file (blocks 1 and 2) and a directory, with tags a=1, b=2 and two routes. */
async function sample(): Promise<string> {
  const writer = await FlistWriter.create()
  writer.transaction(() => {
    writer.inode({ ...inode(1, 0, S_IFDIR | 0o755, 100), name: '/' })
    writer.inode(inode(2, 1, S_IFREG | 0o644, 200))
    writer.inode(inode(3, 1, S_IFDIR | 0o755, 300))
    writer.block(2, new Uint8Array(32).fill(1), new Uint8Array(32).fill(11))
    writer.block(2, new Uint8Array(32).fill(2), new Uint8Array(32).fill(12))
  })
  writer.tag('a', '1')
  writer.tag('b', '2')
  writer.route(0, 127, 'dir:///one')
  writer.route(128, 255, 'dir:///two')
  const path = join(work, `${++written}.fl`)
  writer.save(path)
  writer.close()
  return path
}

describe('editing tags and routes', () => {
  test('a key already there takes the new value in its place; new keys follow', () => {
    const present: Array<[string, string]> = [
      ['a', '1'],
      ['b', '2'],
      ['c', '3']
    ]
    expect(
      editedTags(present, {
        setTags: [
          ['d', '4'],
          ['a', 'new'],
          ['d', '5']
        ]
      })
    ).toEqual([
      ['a', 'new'],
      ['b', '2'],
      ['c', '3'],
      ['d', '5']
    ])
  })

  test('tags are deleted before the new ones are set', () => {
    const present: Array<[string, string]> = [
      ['a', '1'],
      ['b', '2']
    ]
    expect(editedTags(present, { deleteTags: ['a'], setTags: [['a', 'again']] })).toEqual([
      ['b', '2'],
      ['a', 'again']
    ])
    expect(editedTags(present, { deleteTags: 'all' })).toEqual([])
  })

  test('routes are deleted by URL or all at once, and added at the end', () => {
    const present = [route(0, 127, 'dir:///one'), route(128, 255, 'dir:///two')]
    expect(
      editedRoutes(present, {
        deleteRoutes: ['dir:///one'],
        addRoutes: [route(0, 127, 'dir:///three')]
      })
    ).toEqual([route(128, 255, 'dir:///two'), route(0, 127, 'dir:///three')])
    expect(editedRoutes(present, replaceRoutes([route(0, 255, 'dir:///all')]))).toEqual([
      route(0, 255, 'dir:///all')
    ])
  })
})

describe('editing a flist in place', () => {
  test('tags and routes change; entries, their numbers and blocks stay', async () => {
    const path = await sample()
    const before = readFlist(path)
    await editFlist(path, {
      deleteTags: ['b'],
      setTags: [
        ['a', 'changed'],
        ['c', '3']
      ],
      ...replaceRoutes([route(0, 255, 'dir:///all')])
    })
    const after = readFlist(path)
    expect(storedTags(path)).toEqual([
      ['a', 'changed'],
      ['c', '3']
    ])
    expect(after.routes).toEqual([route(0, 255, 'dir:///all')])
    expect(after.inodes).toEqual(before.inodes)
    expect(after.blocks).toEqual(before.blocks)
  })

  test('the owner is given to every entry and later times are clamped', async () => {
    const path = await sample()
    await editFlist(path, { owner: { uid: 0, gid: 7 }, sourceDateEpoch: 250 })
    const after = readFlist(path)
    const owners = [...after.inodes.values()].map(({ ino, uid, gid, ctime, mtime }) => [
      ino,
      uid,
      gid,
      ctime,
      mtime
    ])
    expect(owners).toEqual([
      [1, 0, 7, 100, 100],
      [2, 0, 7, 200, 200],
      [3, 0, 7, 250, 250]
    ])
    expect(storedTags(path)).toEqual([
      ['a', '1'],
      ['b', '2']
    ])
  })

  test('a file that is not an flist is refused and left as it was', async () => {
    const path = join(work, 'not-an.fl')
    writeFileSync(path, 'text')
    await expect(editFlist(path, { setTags: [['a', '1']] })).rejects.toThrow(/is not an flist/)
    expect(readFileSync(path, 'utf8')).toBe('text')
  })
})
