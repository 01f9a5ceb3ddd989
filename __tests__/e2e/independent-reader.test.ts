// Flists made by the bundled action and by the bundled engine CLI, read back by a reader that
// shares no code with src/ (see helpers/independent-flist.ts): the schema as rfs creates it,
// value types as rfs's sqlx decoding needs them, every hash, and the tree byte for byte.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { REPO_ROOT, runAction } from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { startS3, type TestS3 } from '../../peers/s3.js'
import { makeAwkwardTree } from '../helpers/awkward-tree.js'
import {
  blake2b256,
  dirSource,
  flistEntries,
  readFlist,
  rebuild,
  routedSource,
  s3Source,
  snappyDecode,
  snapshot,
  sql,
  type BlobSource,
  type Flist
} from '../helpers/independent-flist.js'

const CLI = join(REPO_ROOT, 'dist', 'rfs-cli', 'index.js')
const S_IFMT = 0o170000

// rfs's schema/schema.sql (v2.0.6, unchanged at the head of its main branch), as SQLite reports
// it: [column, declared type, primary-key position].
const SCHEMA: Record<string, [string, string, number][]> = {
  inode: [
    ['ino', 'INTEGER', 1],
    ['parent', 'INTEGER', 0],
    ['name', 'VARCHAR(255)', 0],
    ['size', 'INTEGER', 0],
    ['uid', 'INTEGER', 0],
    ['gid', 'INTEGER', 0],
    ['mode', 'INTEGER', 0],
    ['rdev', 'INTEGER', 0],
    ['ctime', 'INTEGER', 0],
    ['mtime', 'INTEGER', 0]
  ],
  extra: [
    ['ino', 'INTEGER', 1],
    ['data', 'VARCHAR(4096)', 0]
  ],
  block: [
    ['ino', 'INTEGER', 0],
    ['id', 'VARCHAR(32)', 0],
    ['key', 'VARCHAR(32)', 0]
  ],
  tag: [
    ['key', 'VARCHAR(10)', 1],
    ['value', 'VARCHAR(255)', 0]
  ],
  route: [
    ['start', 'INTEGER', 0],
    ['end', 'INTEGER', 0],
    ['url', 'VARCHAR(2048)', 0]
  ]
}
// The CREATE statements as SQLite keeps them, comments and runs of blanks folded.
const CREATE_SQL: Record<string, string> = {
  block: 'CREATE TABLE block ( ino INTEGER, id VARCHAR(32), key VARCHAR(32) )',
  block_ino: 'CREATE INDEX block_ino ON block (ino)',
  extra: 'CREATE TABLE extra ( ino INTEGER PRIMARY KEY, data VARCHAR(4096) )',
  inode:
    'CREATE TABLE inode ( ino INTEGER PRIMARY KEY AUTOINCREMENT, parent INTEGER, ' +
    'name VARCHAR(255), size INTEGER, uid INTEGER, gid INTEGER, mode INTEGER, rdev INTEGER, ' +
    'ctime INTEGER, mtime INTEGER )',
  names: 'CREATE INDEX names ON inode (name)',
  parents: 'CREATE INDEX parents ON inode (parent)',
  route: 'CREATE TABLE route ( start integer, end integer, url VARCHAR(2048) )',
  sqlite_autoindex_tag_1: '',
  sqlite_sequence: 'CREATE TABLE sqlite_sequence(name,seq)',
  tag: 'CREATE TABLE tag ( key VARCHAR(10) PRIMARY KEY, value VARCHAR(255) )'
}
const INDEXES = [
  ['block_ino', 'block', 'ino'],
  ['names', 'inode', 'name'],
  ['parents', 'inode', 'parent']
]

function expectRfsSchema(db: string): void {
  const tables = sql(db, "select name from sqlite_master where type = 'table' order by name")
  expect(tables.map(row => row.name)).toEqual([
    'block',
    'extra',
    'inode',
    'route',
    'sqlite_sequence',
    'tag'
  ])
  for (const [table, columns] of Object.entries(SCHEMA)) {
    const info = sql(db, `select name, type, pk, "notnull" from pragma_table_info('${table}')`)
    expect([table, info.map(c => [c.name, c.type, c.pk])]).toEqual([table, columns])
    expect(info.every(c => c.notnull === 0)).toBe(true)
  }
  const indexes = sql(
    db,
    `select m.name, m.tbl_name, i.name col from sqlite_master m, pragma_index_info(m.name) i
     where m.type = 'index' and m.sql is not null order by m.name`
  )
  expect(indexes.map(row => [row.name, row.tbl_name, row.col])).toEqual(INDEXES)
  const created: Record<string, string> = {}
  for (const row of sql(db, 'select name, sql from sqlite_master')) {
    created[row.name as string] = String(row.sql ?? '')
      .replace(/--[^\n]*/g, '')
      .replace(/\s+/g, ' ')
  }
  expect(created).toEqual(CREATE_SQL)
  // rfs's own insert relies on AUTOINCREMENT: the sequence must be past every inode.
  const seq = sql(db, "select seq from sqlite_sequence where name = 'inode'")
  const max = sql(db, 'select max(ino) m from inode')[0].m as number
  expect(seq.length === 0 ? 0 : (seq[0].seq as number)).toBeGreaterThanOrEqual(max)
}

/** Root and parent structure as rfs's walk and root lookup need them. */
function expectRoot(flist: Flist): void {
  const roots = [...flist.inodes.values()].filter(inode => inode.parent === 0)
  expect(roots.map(r => [r.ino, r.name, (r.mode & S_IFMT).toString(8)])).toEqual([
    [1, '/', '40000']
  ])
  for (const inode of flist.inodes.values()) {
    if (inode.ino === 1) continue
    const parent = flist.inodes.get(inode.parent)
    expect([inode.name, parent && (parent.mode & S_IFMT).toString(8)]).toEqual([
      inode.name,
      '40000'
    ])
  }
  for (const ino of flist.blocks.keys()) {
    expect((flist.inodes.get(ino)!.mode & S_IFMT).toString(8)).toBe('100000')
  }
}

interface Expect {
  /** Owner and mtime recorded as found (no owner/SOURCE_DATE_EPOCH settings). */
  exactMetadata: boolean
}

/** The flist against the source tree: every path, type and mode, sizes, link targets. */
function expectSameMetadata(flist: Flist, source: string, how: Expect): void {
  const disk = snapshot(source)
  const recorded = flistEntries(flist)
  expect([...recorded.keys()].sort()).toEqual([...disk.keys()].sort())
  for (const [path, entry] of disk) {
    const inode = recorded.get(path)!
    const type = entry.mode & S_IFMT
    expect([path, inode.mode.toString(8)]).toEqual([path, entry.mode.toString(8)])
    if (type !== 0o040000) expect([path, inode.size]).toEqual([path, entry.size])
    if (entry.target) expect([path, inode.target]).toEqual([path, entry.target])
    expect(inode.mtime).toBeLessThanOrEqual(entry.mtime)
    if (how.exactMetadata) {
      expect([path, inode.uid, inode.gid, inode.mtime]).toEqual([
        path,
        entry.uid,
        entry.gid,
        entry.mtime
      ])
    }
  }
}

/** Rebuilds the flist from one blob source and compares it with the source tree. */
async function expectRebuilds(flist: Flist, blobs: BlobSource, source: string): Promise<void> {
  const target = mkdtempSync(join(tmpdir(), 'independent-rebuild-'))
  try {
    const out = join(target, 'tree')
    await rebuild(flist, blobs, out)
    const want = snapshot(source)
    const got = snapshot(out)
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
    for (const [path, entry] of want) {
      const rebuilt = got.get(path)!
      expect([path, rebuilt.mode & S_IFMT, rebuilt.mode & 0o7777]).toEqual([
        path,
        entry.mode & S_IFMT,
        // Links have no mode of their own on Linux; everything else must match exactly.
        (entry.mode & S_IFMT) === 0o120000 ? rebuilt.mode & 0o7777 : entry.mode & 0o7777
      ])
      if (entry.content) {
        expect(rebuilt.content!.equals(entry.content)).toBe(true)
      }
      if (entry.target) expect(rebuilt.target!.equals(entry.target)).toBe(true)
    }
  } finally {
    spawnSync('chmod', ['-R', 'u+rwx', target])
    rmSync(target, { recursive: true, force: true })
  }
}

/** Every block of the flist is held by the given source under hex(id). */
async function expectAllBlobs(flist: Flist, blobs: BlobSource): Promise<void> {
  const ids = new Set([...flist.blocks.values()].flat().map(block => block.id))
  const missing: string[] = []
  for (const id of ids) if (!(await blobs(id))) missing.push(id)
  expect(missing).toEqual([])
}

test('the independent reader decodes known data and rejects corruption', async () => {
  // Snappy by hand: a 3-byte literal, then an overlapping copy of offset 1 (run-length).
  const stream = Buffer.from([10, 0b000010_00, 0x61, 0x62, 0x63, (3 << 2) | 1, 1])
  expect(snappyDecode(stream).toString()).toBe('abc' + 'c'.repeat(7))
  expect(() => snappyDecode(Buffer.from([9, 0b000010_00, 0x61, 0x62, 0x63]))).toThrow(/decoded/)
  // BLAKE2b-256 of "abc" (RFC 7693 parameters, 32-byte digest).
  expect(blake2b256([Buffer.from('abc')])).toEqual([
    'bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319'
  ])
})

describe('flists from the bundled action (engine: native)', () => {
  let project: TestProject
  let s3: TestS3
  const flists: Record<string, string> = {}

  beforeAll(async () => {
    project = copyExample()
    s3 = await startS3({ buckets: ['blobs'] })
    const run = await runAction({
      'project-root': project.root,
      engine: 'native',
      'firmware-tag': 'indep',
      's3-endpoint': s3.endpoint,
      's3-bucket': 'blobs',
      's3-prefix': 'zos',
      's3-access-key': s3.accessKey,
      's3-secret-key': s3.secretKey
    })
    expect([run.code, run.code === 0 ? '' : run.everything]).toEqual([0, ''])
    flists.modules = run.outputs['modules-flist-path']
    flists.firmware = run.outputs['firmware-flist-path']
  })

  afterAll(async () => {
    await s3?.stop()
    project?.remove()
  })

  const sources: Record<string, () => string> = {
    modules: () => join(project.root, 'initramfs/lib/modules', EXAMPLE_KERNEL),
    firmware: () => join(project.root, 'firmware')
  }

  for (const kind of ['modules', 'firmware']) {
    test(`${kind}: rfs schema, routes without the secret, tree rebuilt from the S3 bucket`, async () => {
      const db = flists[kind]
      expectRfsSchema(db)
      const flist = readFlist(db)
      expectRoot(flist)
      expect(flist.routes).toEqual([
        {
          start: 0,
          end: 255,
          url: `s3://${s3.accessKey}@127.0.0.1:${s3.port}/blobs?region=us-east-1`
        }
      ])
      expect(flist.tags.get('kind')).toBe(kind)
      expectSameMetadata(flist, sources[kind](), { exactMetadata: false })
      // Through the routes, as a node reads them, and straight from the bucket.
      await expectRebuilds(flist, routedSource(flist.routes), sources[kind]())
      await expectAllBlobs(flist, s3Source(s3.endpoint, 'blobs'))
    })
  }
})

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('close', code => resolve({ code, output }))
  })
}

describe('an awkward tree packed by the bundled engine CLI to a dir store and S3', () => {
  const work = mkdtempSync(join(tmpdir(), 'independent-cli-'))
  const source = join(work, 'source')
  const store = join(work, 'store')
  const db = join(work, 'awkward.fl')
  let s3: TestS3

  beforeAll(async () => {
    makeAwkwardTree(source)
    s3 = await startS3({ buckets: ['blobs'] })
    const secret = encodeURIComponent(s3.secretKey)
    const packed = await runCli([
      'pack',
      '-m',
      db,
      '-s',
      `dir://${store}`,
      '-s',
      `s3://${s3.accessKey}:${secret}@127.0.0.1:${s3.port}/blobs?region=us-east-1`,
      source
    ])
    expect(packed).toEqual({ code: 0, output: expect.any(String) })
  })

  afterAll(async () => {
    await s3?.stop()
    spawnSync('chmod', ['-R', 'u+rwx', work])
    rmSync(work, { recursive: true, force: true })
  })

  test('exact rfs schema and value types; routes keep the user, never the secret', () => {
    expectRfsSchema(db)
    const flist = readFlist(db)
    expectRoot(flist)
    expect(flist.routes).toEqual([
      { start: 0, end: 255, url: `dir://${store}` },
      {
        start: 0,
        end: 255,
        url: `s3://${s3.accessKey}@127.0.0.1:${s3.port}/blobs?region=us-east-1`
      }
    ])
    const all = sql(db, "select group_concat(url, ' ') u from route")[0].u as string
    expect(all).not.toContain(encodeURIComponent(s3.secretKey))
    expect(all).not.toContain(s3.secretKey)
  })

  test('metadata of every entry is the lstat of the source', () => {
    const flist = readFlist(db)
    expectSameMetadata(flist, source, { exactMetadata: true })
    const byName = flistEntries(flist)
    expect(flist.blocks.get(byName.get('empty')!.ino)).toBeUndefined()
    expect(flist.blocks.get(byName.get('exact-512k.bin')!.ino)).toHaveLength(1)
    expect(flist.blocks.get(byName.get('one-more.bin')!.ino)).toHaveLength(2)
    expect(flist.blocks.get(byName.get('a-fifo')!.ino)).toBeUndefined()
    // Identical chunks are identical blobs (convergent encryption).
    const a = flist.blocks.get(byName.get('zeros-a.bin')!.ino)!
    const b = flist.blocks.get(byName.get('zeros-b.bin')!.ino)!
    expect(b).toEqual(a.map(block => ({ ...block, ino: b[0].ino })))
  })

  test('the tree rebuilds byte and mode identical from the dir store alone', async () => {
    const flist = readFlist(db)
    // Flat, as every rfs reads: only blobs named by their hex id at the root.
    const layout = readdirSync(store).filter(name => !/^[0-9a-f]{64}$/.test(name))
    expect(layout).toEqual([])
    await expectRebuilds(flist, dirSource(store), source)
  })

  test('the tree rebuilds byte and mode identical from the S3 bucket alone', async () => {
    const flist = readFlist(db)
    await expectAllBlobs(flist, s3Source(s3.endpoint, 'blobs'))
    await expectRebuilds(flist, s3Source(s3.endpoint, 'blobs'), source)
  })

  test('the reader refuses value types and shapes rfs cannot read', () => {
    const broken = (change: string): (() => Flist) => {
      const copy = join(work, `broken-${randomBytes(4).toString('hex')}.fl`)
      writeFileSync(copy, readFileSync(db))
      const run = spawnSync('sqlite3', [copy, change], { encoding: 'utf8' })
      expect(run.stderr).toBe('')
      return () => {
        const flist = readFlist(copy)
        expectRoot(flist)
        return flist
      }
    }
    expect(broken('select 1')).not.toThrow()
    expect(broken('update extra set data = cast(data as text)')).toThrow(/extra.data/)
    expect(broken('update block set id = lower(hex(id)) where rowid = 3')).toThrow(/32-byte/)
    expect(broken("update route set start = x'00'")).toThrow(/route row/)
    expect(broken('update inode set uid = null where ino = 2')).toThrow(/wrong value types/)
    expect(broken("update inode set name = 'root' where ino = 1")).toThrow()
    expect(broken('update inode set parent = 0 where ino = 2')).toThrow()
  })

  test('a corrupted blob or a wrong key is refused, not unpacked', async () => {
    const flist = readFlist(db)
    const blobs = dirSource(store)
    const corrupt: BlobSource = async id => {
      const blob = await blobs(id)
      if (blob) blob[blob.length >> 1] ^= 1
      return blob
    }
    const out = mkdtempSync(join(tmpdir(), 'independent-corrupt-'))
    try {
      await expect(rebuild(flist, corrupt, join(out, 'tree'))).rejects.toThrow()
    } finally {
      spawnSync('chmod', ['-R', 'u+rwx', out])
      rmSync(out, { recursive: true, force: true })
    }
  })
})
