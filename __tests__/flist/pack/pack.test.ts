import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from '@jest/globals'
import { readFlistCounts, type FlistCounts } from '../../../src/flist/format/counts.js'
import { packTree, type PackOptions } from '../../../src/flist/pack/pack.js'
import { SCHEMA_STATEMENTS } from '../../../src/flist/format/schema.js'
import { unpackFlist } from '../../../src/flist/read/unpack.js'
import { verifyFlist } from '../../../src/flist/read/verify.js'
import { DirBlobStore } from '../../../src/store/dir.js'
import { openStores } from '../../../src/store/open.js'
import { StoreRouter } from '../../../src/store/router.js'
import type { BlobStore } from '../../../src/store/store.js'
import { describeTree, makeAwkwardTree, tempDir } from '../../helpers/tree.js'
import type { StoreSpec } from '../../../src/store-url/spec.js'

const sqlite = (flist: string, sql: string): string =>
  execFileSync('sqlite3', [flist, sql], { encoding: 'utf8' }).trim()

/** Packs into one directory store taking every id, or against the routes given. */
async function pack(
  source: string,
  flistPath: string,
  stores: string | StoreSpec[],
  extra: Partial<PackOptions> = {}
): Promise<FlistCounts> {
  const specs =
    typeof stores === 'string' ? [{ start: 0, end: 255, url: `dir://${stores}` }] : stores
  return packTree({
    source,
    flistPath,
    stores: await openStores(specs),
    routes: specs,
    tags: [['kind', 'modules']],
    log: () => undefined,
    workers: 2,
    ...extra
  })
}

describe('pack to a dir store', () => {
  const work = tempDir('pack-dir')
  const source = join(work, 'source')
  const store = join(work, 'store')
  const flist = join(work, 'first.fl')
  let first: FlistCounts

  beforeAll(async () => {
    makeAwkwardTree(source)
    first = await pack(source, flist, store)
  })

  test('unpacks to the same bytes, modes and link targets', async () => {
    const target = join(work, 'unpacked')
    await unpackFlist(flist, target)
    expect(describeTree(target)).toEqual(describeTree(source))
  })

  test('counts entries and blocks, and the flist agrees', async () => {
    const tree = describeTree(source)
    const files = Object.values(tree).filter(entry => entry.type === 'file')
    expect(first.files).toBe(files.length)
    expect(first.bytes).toBe(files.reduce((sum, entry) => sum + entry.size!, 0))
    expect(first.symlinks).toBe(4)
    // The root counts, as in `rfs flist inspect`.
    expect(first.directories).toBe(
      Object.values(tree).filter(entry => entry.type === 'directory').length + 1
    )
    // block-exact 1, block-plus-one 2, multi-mb 7, repeated 4 (one blob), the small files 1 each.
    const smallFiles = files.filter(entry => entry.size! > 0 && entry.size! < 512 * 1024).length
    expect(first.blocks).toBe(1 + 2 + 7 + 4 + smallFiles)
    expect(first.blocksUploaded).toBe(first.blocks - 3)
    expect(first.blocksPresent).toBe(0)
    const { files: f, directories, symlinks, bytes, blocks } = first
    expect(await readFlistCounts(flist)).toEqual({ files: f, directories, symlinks, bytes, blocks })
  })

  test('lays blobs out flat, as ROOT/<hex id>, and stores each distinct blob once', () => {
    // The layout every rfs reads: rfs releases read nothing else.
    const blobs = readdirSync(store, { withFileTypes: true })
    expect(blobs.every(entry => entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name))).toBe(true)
    expect(blobs.length).toBe(first.blocksUploaded)
  })

  test('writes the rfs schema, read back by the sqlite3 shell', () => {
    const expected = SCHEMA_STATEMENTS.map(statement => statement.replace(' IF NOT EXISTS', ''))
    expected.splice(1, 0, 'CREATE TABLE sqlite_sequence(name,seq);')
    expect(sqlite(flist, '.schema')).toBe(expected.join('\n'))
    expect(
      sqlite(flist, 'select ino, parent, name, typeof(size), typeof(mode) from inode where ino = 1')
    ).toBe('1|0|/|integer|integer')
    expect(
      sqlite(
        flist,
        'select count(*) from block where typeof(id) != "blob" or length(id) != 32 or typeof(key) != "blob" or length(key) != 32'
      )
    ).toBe('0')
    expect(sqlite(flist, 'select count(*) from block')).toBe(String(first.blocks))
    expect(
      sqlite(
        flist,
        "select typeof(e.data), cast(e.data as text) from extra e join inode i on i.ino = e.ino where i.name = 'relative'"
      )
    ).toBe('blob|../small.txt')
    expect(sqlite(flist, 'select start, end, url from route')).toBe(`0|255|dir://${store}`)
    expect(sqlite(flist, 'select key, value from tag')).toBe('kind|modules')
    // Children of a directory are listed in name-byte order, so inode numbers are stable.
    expect(
      sqlite(
        flist,
        "select name from inode where parent = (select ino from inode where name = 'names') order by ino"
      )
    ).toBe('Zupper\nwith space.ko\nünïcødé-模块-🚀.ko')
    // Blocks of a file in file order: the 7 blocks of multi-mb.bin have rowids in sequence.
    expect(
      sqlite(
        flist,
        "select count(*) from block where ino = (select ino from inode where name = 'multi-mb.bin')"
      )
    ).toBe('7')
  })

  test('an unchanged re-pack uploads nothing and writes a byte-identical flist', async () => {
    const again = join(work, 'again.fl')
    const counts = await pack(source, again, store)
    expect(counts.blocksUploaded).toBe(0)
    expect(counts.blocksPresent).toBe(first.blocksUploaded)
    expect(readFileSync(again).equals(readFileSync(flist))).toBe(true)
  })

  test('SOURCE_DATE_EPOCH and owner make copies of a tree made at different times identical', async () => {
    const copyA = join(work, 'copy-a')
    const copyB = join(work, 'copy-b')
    cpSync(source, copyA, { recursive: true, verbatimSymlinks: true })
    cpSync(source, copyB, { recursive: true, verbatimSymlinks: true })
    utimesSync(join(copyA, 'small.txt'), 1_600_000_000, 1_600_000_000)
    utimesSync(join(copyB, 'small.txt'), 1_700_000_000, 1_700_000_000)
    const settings = { sourceDateEpoch: 1_500_000_000, owner: { uid: 0, gid: 0 } }
    await pack(copyA, join(work, 'a.fl'), store, settings)
    await pack(copyB, join(work, 'b.fl'), store, settings)
    expect(readFileSync(join(work, 'a.fl')).equals(readFileSync(join(work, 'b.fl')))).toBe(true)
    expect(
      sqlite(join(work, 'a.fl'), 'select distinct uid, gid, max(mtime), max(ctime) from inode')
    ).toBe('0|0|1500000000|1500000000')

    // Without them the difference shows: this comparison is not vacuous.
    await pack(copyA, join(work, 'a2.fl'), store)
    await pack(copyB, join(work, 'b2.fl'), store)
    expect(readFileSync(join(work, 'a2.fl')).equals(readFileSync(join(work, 'b2.fl')))).toBe(false)
  })

  test('a store that refuses a blob fails the pack and no flist is written', async () => {
    const blocked = join(work, 'blocked-store')
    writeFileSync(blocked, 'a file where the store directory should be')
    const target = join(work, 'never.fl')
    await expect(pack(source, target, blocked)).rejects.toThrow(
      /storing block [0-9a-f]{64} in dir:\/\/\S+ failed: .*ENOTDIR/
    )
    expect(existsSync(target)).toBe(false)
  })

  test('an abort stops the pack promptly and no flist is written', async () => {
    // The abort comes with the first blob offered to the store; promptly means the pack offers
    // no more than the blocks already on their way, far fewer than the tree has.
    const controller = new AbortController()
    const target = join(work, 'aborted.fl')
    const dir = new DirBlobStore(join(work, 'abort-store'))
    let puts = 0
    const store: BlobStore = {
      display: dir.display,
      storedSize: id => dir.storedSize(id),
      get: id => dir.get(id),
      put: (id, blob) => {
        puts++
        controller.abort(new Error('stop now'))
        return dir.put(id, blob)
      }
    }
    const maxPendingBlocks = 2
    await expect(
      pack(source, target, join(work, 'abort-store'), {
        stores: new StoreRouter([{ start: 0, end: 255, store }]),
        signal: controller.signal,
        maxPendingBlocks,
        uploadConcurrency: 1
      })
    ).rejects.toThrow('stop now')
    expect(puts).toBeGreaterThan(0)
    expect(puts).toBeLessThanOrEqual(maxPendingBlocks + 1)
    expect(first.blocksUploaded).toBeGreaterThan(maxPendingBlocks + 1)
    expect(existsSync(target)).toBe(false)
  })

  test('the workers shard and replicate blobs over directory stores as the routes say', async () => {
    const [low, high, all] = ['low', 'high', 'all'].map(name => join(work, 'routed', name))
    const specs = [
      { start: 0x00, end: 0x7f, url: `dir://${low}` },
      { start: 0x80, end: 0xff, url: `dir://${high}` },
      { start: 0x00, end: 0xff, url: `dir://${all}` }
    ]
    const counts = await pack(source, join(work, 'routed.fl'), specs)
    expect(counts.blocksUploaded).toBe(first.blocksUploaded)
    const held = (root: string): string[] => (existsSync(root) ? readdirSync(root) : [])
    const everyBlob = held(all).sort()
    expect(everyBlob).toHaveLength(first.blocksUploaded)
    expect(held(low).sort()).toEqual(everyBlob.filter(id => id < '80'))
    expect(held(high).sort()).toEqual(everyBlob.filter(id => id >= '80'))

    // A blob missing from one replica is written there again, and only there.
    const lost = everyBlob.find(id => id >= '80')!
    rmSync(join(high, lost))
    const again = await pack(source, join(work, 'routed-again.fl'), specs)
    expect(again).toMatchObject({ blocksUploaded: 1, blocksPresent: first.blocksUploaded - 1 })
    expect(held(high).sort()).toEqual(everyBlob.filter(id => id >= '80'))
  })

  test('a store of the older, sharded layout is read, and the blobs a pack finds there move flat', async () => {
    const sharded = join(work, 'sharded-store')
    await pack(source, join(work, 'sharded-1.fl'), sharded)
    // As earlier versions wrote it: ROOT/<first two hex digits>/<hex id>.
    const ids = readdirSync(sharded)
    for (const id of ids) {
      mkdirSync(join(sharded, id.slice(0, 2)), { recursive: true })
      renameSync(join(sharded, id), join(sharded, id.slice(0, 2), id))
    }
    const target = join(work, 'sharded-unpacked')
    await unpackFlist(join(work, 'sharded-1.fl'), target)
    expect(describeTree(target)).toEqual(describeTree(source))

    const counts = await pack(source, join(work, 'sharded-2.fl'), sharded)
    expect(counts).toMatchObject({ blocksUploaded: 0, blocksPresent: first.blocksUploaded })
    for (const id of ids) {
      expect(existsSync(join(sharded, id))).toBe(true)
      expect(existsSync(join(sharded, id.slice(0, 2), id))).toBe(false)
    }
    expect((await verifyFlist(join(work, 'sharded-2.fl'), 'full')).problems).toEqual([])
  })

  test('a blob file of the wrong size is written again, and *.tmp leftovers are not blobs', async () => {
    const damaged = join(work, 'damaged-store')
    await pack(source, join(work, 'damaged-1.fl'), damaged)
    const blobs = blobFiles(damaged)
    // What a writer cut off midway leaves under a real id, in either layout.
    const [truncated, emptied, unfinished] = blobs
    const whole = readFileSync(truncated)
    writeFileSync(truncated, whole.subarray(0, whole.length >> 1))
    writeFileSync(emptied, '')
    // A killed pack's temporary file holds the whole blob, yet is no blob.
    const leftover = `${unfinished}.0123456789ab0.tmp`
    renameSync(unfinished, leftover)
    const counts = await pack(source, join(work, 'damaged-2.fl'), damaged)
    expect(counts).toMatchObject({
      blocksUploaded: 3,
      blocksPresent: first.blocksUploaded - 3
    })
    expect(readFileSync(blobPath(damaged, truncated)).equals(whole)).toBe(true)
    const report = await verifyFlist(join(work, 'damaged-2.fl'), 'full')
    expect(report.problems).toEqual([])
  })

  test('store ranges that leave ids uncovered are refused before anything is read', async () => {
    const specs = [{ start: 0, end: 0x7f, url: `dir://${store}` }]
    await expect(pack(source, join(work, 'half.fl'), specs)).rejects.toThrow(
      /do not cover blob ids starting with 80, 81, 82, 83 and 124 more/
    )
  })

  test('progress lines come at the interval asked for', async () => {
    const lines: string[] = []
    await pack(source, join(work, 'progress.fl'), store, {
      log: line => lines.push(line),
      progressIntervalMs: 1
    })
    expect(lines.at(-1)).toMatch(
      /^pack: \d+ files, [\d.]+ MB in [\d.]+ s \([\d.]+ MB\/s\); \d+ blocks: 0 uploaded, \d+ already in the store, 3 repeated; \d+ encoded$/
    )
  })
})

/** Every blob file of a directory store, in either layout. */
function blobFiles(root: string): string[] {
  return readdirSync(root).flatMap(name =>
    name.length === 2
      ? readdirSync(join(root, name)).map(blob => join(root, name, blob))
      : [join(root, name)]
  )
}

/** Where the store now keeps the blob a path of either layout named. */
function blobPath(root: string, path: string): string {
  const id = path.split('/').at(-1)!
  const flat = join(root, id)
  return existsSync(flat) ? flat : join(root, id.slice(0, 2), id)
}
