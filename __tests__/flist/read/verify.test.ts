import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from '@jest/globals'
import { packTree } from '../../../src/flist/pack/pack.js'
import { verifyFlist } from '../../../src/flist/read/verify.js'
import { openStores } from '../../../src/store/open.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

describe('verify', () => {
  let work: string
  let store: string
  let flist: string
  let lengths: Map<string, number>

  beforeEach(async () => {
    work = tempDir('verify')
    store = join(work, 'store')
    flist = join(work, 'tree.fl')
    const source = join(work, 'source')
    mkdirSync(join(source, 'sub'), { recursive: true })
    writeFileSync(join(source, 'a.bin'), pseudoRandomBytes(700_000, 1))
    writeFileSync(join(source, 'sub', 'b.txt'), 'small\n')
    const specs = [{ start: 0, end: 255, url: `dir://${store}` }]
    await packTree({
      source,
      flistPath: flist,
      stores: await openStores(specs),
      routes: specs,
      tags: [],
      log: () => undefined,
      workers: 1,
      encodedLengths: (lengths = new Map())
    })
  })

  /** Blob files of either layout, largest first. */
  const blobPaths = (): string[] =>
    readdirSync(store)
      .flatMap(name =>
        name.length === 2
          ? readdirSync(join(store, name)).map(blob => join(store, name, blob))
          : [join(store, name)]
      )
      .sort((a, b) => statSync(b).size - statSync(a).size)

  test('a sound flist passes both modes', async () => {
    expect(await verifyFlist(flist, 'exists')).toEqual({
      mode: 'exists',
      blocksChecked: 3,
      filesChecked: 0,
      problems: [],
      damaged: []
    })
    expect(await verifyFlist(flist, 'full')).toEqual({
      mode: 'full',
      blocksChecked: 3,
      filesChecked: 2,
      problems: [],
      damaged: []
    })
  })

  test('a missing blob is found by both modes', async () => {
    const [gone] = blobPaths()
    rmSync(gone)
    const id = gone.split('/').at(-1)
    for (const mode of ['exists', 'full'] as const) {
      const report = await verifyFlist(flist, mode)
      expect(report.problems).toEqual([`block ${id}: missing from dir://${store}`])
    }
  })

  test('a corrupted blob passes exists and fails full', async () => {
    const [damaged] = blobPaths()
    const bytes = readFileSync(damaged)
    bytes[bytes.length >> 1] ^= 0x01
    writeFileSync(damaged, bytes)
    expect((await verifyFlist(flist, 'exists')).problems).toEqual([])
    const report = await verifyFlist(flist, 'full')
    expect(report.problems).toHaveLength(1)
    expect(report.problems[0]).toMatch(/does not match its id/)
    expect(report.damaged).toEqual([damaged.split('/').at(-1)])
  })

  test('exists finds a blob of the wrong size, against the lengths the pack encoded', async () => {
    const [largest] = blobPaths()
    const id = largest.split('/').at(-1)!
    const whole = readFileSync(largest)
    expect(lengths.get(id)).toBe(whole.length)
    expect(lengths.size).toBe(3)
    writeFileSync(largest, whole.subarray(0, whole.length >> 1))
    const report = await verifyFlist(flist, 'exists', { encodedLengths: lengths })
    expect(report.problems).toEqual([
      `block ${id}: wrong size in dir://${store} (${whole.length >> 1} bytes; it was encoded to ${whole.length})`
    ])
    // Without the lengths, only what a block of its plain length can encode to is known.
    expect((await verifyFlist(flist, 'exists')).problems).toEqual([])
    writeFileSync(largest, whole.subarray(0, 100))
    expect((await verifyFlist(flist, 'exists')).problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^block ${id}: wrong size in dir://${store} \\(100 bytes; a block of 524288 bytes encodes to 2\\d{4} to 6\\d{5}\\)$`
        )
      )
    ])
    writeFileSync(largest, whole)
    expect((await verifyFlist(flist, 'exists', { encodedLengths: lengths })).problems).toEqual([])
  })

  test('a blob read while it is being rewritten is read again before it is reported', async () => {
    const [rewritten] = blobPaths()
    const good = readFileSync(rewritten)
    writeFileSync(rewritten, good.subarray(0, good.length >> 1))
    const restored = new Promise(resolve =>
      setTimeout(() => resolve(writeFileSync(rewritten, good)), 150)
    )
    const report = await verifyFlist(flist, 'full')
    await restored
    expect(report.problems).toEqual([])
  })

  test('a file whose blocks do not add up to its size fails full', async () => {
    execFileSync('sqlite3', [flist, "update inode set size = size + 1 where name = 'a.bin'"])
    expect((await verifyFlist(flist, 'exists')).problems).toEqual([])
    expect((await verifyFlist(flist, 'full')).problems).toEqual([
      'file /a.bin: its blocks hold 700000 bytes, its inode says 700001'
    ])
  })

  test('two entries of one name, as rfs packs fw\\xff.bin and fw\\xfe.bin, fail both modes', async () => {
    execFileSync('sqlite3', [
      flist,
      "update inode set name = 'fw' || char(65533) || '.bin', parent = 1 where name in ('a.bin', 'b.txt')"
    ])
    for (const mode of ['exists', 'full'] as const) {
      await expect(verifyFlist(flist, mode)).rejects.toThrow(
        `${flist}: two entries are named /fw\uFFFD.bin (inodes 2 and 4); names that are not UTF-8 become U+FFFD in rfs: rename them in the tree to UTF-8 and pack again`
      )
    }
  })

  test('given stores are used instead of the routes', async () => {
    const moved = join(work, 'moved')
    renameSync(store, moved)
    expect((await verifyFlist(flist, 'exists')).problems).toHaveLength(3)
    const report = await verifyFlist(flist, 'full', {
      stores: [{ start: 0, end: 255, url: `dir://${moved}` }]
    })
    expect(report.problems).toEqual([])
  })

  // Overlapping ranges replicate: the pack writes every store of a blob's range, and a reader that
  // finds one copy gone falls back on the others, so only a check of every copy shows one lost.
  test('with overlapping stores, a blob missing from one replica fails both modes', async () => {
    const replica = join(work, 'replica')
    cpSync(store, replica, { recursive: true })
    const lost = blobPaths()[0]
    rmSync(join(replica, lost.slice(store.length + 1)))
    const stores = [
      { start: 0, end: 255, url: `dir://${store}` },
      { start: 0, end: 255, url: `dir://${replica}` }
    ]
    const id = lost.split('/').at(-1)!
    for (const mode of ['exists', 'full'] as const) {
      const report = await verifyFlist(flist, mode, { stores, encodedLengths: lengths })
      expect([mode, report.problems]).toEqual([
        mode,
        [`block ${id}: missing from dir://${replica}`]
      ])
    }
    cpSync(store, replica, { recursive: true })
    for (const mode of ['exists', 'full'] as const)
      expect((await verifyFlist(flist, mode, { stores })).problems).toEqual([])
  })

  test('a blob present only in the flat layout is still found', async () => {
    for (const path of blobPaths()) renameSync(path, join(store, path.split('/').at(-1)!))
    expect((await verifyFlist(flist, 'full')).problems).toEqual([])
  })
})
