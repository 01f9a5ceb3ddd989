// A second reader of rfs flists, written from FLIST-FORMAT.md alone and sharing no code with src/:
// the .fl is read with the sqlite3 command-line shell, blobs are decrypted with node:crypto,
// decompressed by the raw-snappy decoder below, and both hashes are checked with `b2sum -l 256`.
import { spawnSync } from 'node:child_process'
import { createDecipheriv } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CHUNK = 524288
const S_IFMT = 0o170000
const S_IFDIR = 0o040000
const S_IFREG = 0o100000
const S_IFLNK = 0o120000
const S_IFIFO = 0o010000

type Row = Record<string, string | number | null>

/** Runs one query with the sqlite3 shell, read-only, and returns its rows. */
export function sql(db: string, query: string): Row[] {
  const run = spawnSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`sqlite3 ${query}: ${run.stderr || run.error}`)
  return run.stdout.trim() === '' ? [] : (JSON.parse(run.stdout) as Row[])
}

/** Decodes the raw (block) snappy format: a varint length, then literals and back-references. */
export function snappyDecode(input: Buffer): Buffer {
  let pos = 0
  let length = 0
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new Error('snappy: bad length preamble')
    const byte = input[pos++]
    length += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) break
  }
  const out = Buffer.alloc(length)
  let at = 0
  const readLE = (bytes: number): number => {
    if (pos + bytes > input.length) throw new Error('snappy: truncated')
    let value = 0
    for (let i = 0; i < bytes; i++) value += input[pos + i] * 2 ** (8 * i)
    pos += bytes
    return value
  }
  while (pos < input.length) {
    const tag = input[pos++]
    const kind = tag & 3
    if (kind === 0) {
      let len = tag >> 2
      if (len >= 60) len = readLE(len - 59)
      len += 1
      if (pos + len > input.length || at + len > length) throw new Error('snappy: bad literal')
      input.copy(out, at, pos, pos + len)
      pos += len
      at += len
      continue
    }
    let len: number
    let offset: number
    if (kind === 1) {
      len = ((tag >> 2) & 7) + 4
      offset = ((tag >> 5) << 8) | readLE(1)
    } else {
      len = (tag >> 2) + 1
      offset = readLE(kind === 2 ? 2 : 4)
    }
    if (offset === 0 || offset > at || at + len > length) throw new Error('snappy: bad copy')
    for (let i = 0; i < len; i++, at++) out[at] = out[at - offset]
  }
  if (at !== length) throw new Error(`snappy: ${at} bytes decoded, preamble says ${length}`)
  return out
}

/** BLAKE2b with a 32-byte digest of each buffer, by the coreutils `b2sum -l 256`, in one run. */
export function blake2b256(buffers: Buffer[]): string[] {
  if (buffers.length === 0) return []
  const dir = mkdtempSync(join(tmpdir(), 'b2sum-'))
  try {
    const files = buffers.map((buffer, i) => {
      const file = join(dir, String(i))
      writeFileSync(file, buffer)
      return file
    })
    const run = spawnSync('b2sum', ['-l', '256', ...files], {
      encoding: 'utf8',
      maxBuffer: 64 << 20
    })
    if (run.status !== 0) throw new Error(`b2sum: ${run.stderr}`)
    return run.stdout
      .trim()
      .split('\n')
      .map(line => line.split(/\s+/)[0])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** AES-256-GCM with the nonce taken from the key's first 12 bytes and the tag at the end. */
export function decrypt(blob: Buffer, key: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, key.subarray(0, 12))
  decipher.setAuthTag(blob.subarray(blob.length - 16))
  return Buffer.concat([decipher.update(blob.subarray(0, blob.length - 16)), decipher.final()])
}

export interface Inode {
  ino: number
  parent: number
  name: string
  size: number
  uid: number
  gid: number
  mode: number
  rdev: number
  ctime: number
  mtime: number
  /** Link target, from extra. */
  target?: Buffer
}

export interface BlockRow {
  ino: number
  id: string
  key: string
}

export interface Route {
  start: number
  end: number
  url: string
}

/** Every row of an flist, with the storage class SQLite holds each value in checked. */
export interface Flist {
  inodes: Map<number, Inode>
  children: Map<number, Inode[]>
  /** Per inode, in rowid order. */
  blocks: Map<number, BlockRow[]>
  routes: Route[]
  tags: Map<string, string>
}

export function readFlist(db: string): Flist {
  const bad = sql(
    db,
    `select ino, typeof(ino) t0, typeof(parent) t1, typeof(name) t2, typeof(size) t3,
       typeof(uid) t4, typeof(gid) t5, typeof(mode) t6, typeof(rdev) t7, typeof(ctime) t8,
       typeof(mtime) t9 from inode
     where not (t0 = 'integer' and t1 = 'integer' and t2 = 'text' and t3 = 'integer' and
       t4 = 'integer' and t5 = 'integer' and t6 = 'integer' and t7 = 'integer' and
       t8 = 'integer' and t9 = 'integer')`
  )
  if (bad.length > 0) throw new Error(`inode rows with wrong value types: ${JSON.stringify(bad)}`)
  const inodes = new Map<number, Inode>()
  const children = new Map<number, Inode[]>()
  for (const row of sql(
    db,
    'select ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime from inode order by ino'
  )) {
    const inode = row as unknown as Inode
    inodes.set(inode.ino, inode)
    children.set(inode.parent, [...(children.get(inode.parent) ?? []), inode])
  }
  for (const row of sql(db, 'select ino, typeof(data) type, hex(data) data from extra')) {
    if (row.type !== 'blob') throw new Error(`extra.data of inode ${row.ino} is ${row.type}`)
    const inode = inodes.get(row.ino as number)
    if (!inode) throw new Error(`extra row for missing inode ${row.ino}`)
    inode.target = Buffer.from(row.data as string, 'hex')
  }
  const blocks = new Map<number, BlockRow[]>()
  for (const row of sql(
    db,
    `select ino, typeof(id) tid, length(id) lid, typeof(key) tkey, length(key) lkey,
       lower(hex(id)) id, lower(hex(key)) key from block order by rowid`
  )) {
    if (row.tid !== 'blob' || row.tkey !== 'blob' || row.lid !== 32 || row.lkey !== 32)
      throw new Error(`block row of inode ${row.ino} is not two 32-byte blobs`)
    const ino = row.ino as number
    blocks.set(ino, [
      ...(blocks.get(ino) ?? []),
      { ino, id: row.id as string, key: row.key as string }
    ])
  }
  const routes: Route[] = []
  for (const row of sql(
    db,
    'select typeof(start) ts, typeof("end") te, typeof(url) tu, start, "end", url from route order by rowid'
  )) {
    if (row.ts !== 'integer' || row.te !== 'integer' || row.tu !== 'text')
      throw new Error(`route row of types ${row.ts}/${row.te}/${row.tu}`)
    routes.push({ start: row.start as number, end: row.end as number, url: row.url as string })
  }
  const tags = new Map<string, string>()
  for (const row of sql(db, 'select typeof(key) tk, typeof(value) tv, key, value from tag')) {
    if (row.tk !== 'text' || row.tv !== 'text') throw new Error(`tag ${row.key} is not text`)
    tags.set(row.key as string, row.value as string)
  }
  return { inodes, children, blocks, routes, tags }
}

export type BlobSource = (id: string) => Promise<Buffer | undefined>

/** A dir:// store: `<root>/<hh>/<hex>`, else `<root>/<hex>`. */
export function dirSource(root: string): BlobSource {
  return async id => {
    for (const path of [join(root, id.slice(0, 2), id), join(root, id)]) {
      if (existsSync(path)) return readFileSync(path)
    }
    return undefined
  }
}

/** An s3:// or s3s:// route read anonymously over HTTP, path style, the key being hex(id). */
export function s3Source(endpoint: string, bucket: string): BlobSource {
  return async id => {
    const response = await fetch(`${endpoint}/${bucket}/${id}`)
    if (response.status === 404) return undefined
    if (!response.ok) throw new Error(`GET ${bucket}/${id}: HTTP ${response.status}`)
    return Buffer.from(await response.arrayBuffer())
  }
}

/** The source for one route URL, as a node would reach it. */
export function routeSource(url: string): BlobSource {
  const parsed = new URL(url)
  if (parsed.protocol === 'dir:') return dirSource(decodeURIComponent(parsed.pathname))
  if (parsed.protocol === 's3:' || parsed.protocol === 's3s:') {
    const scheme = parsed.protocol === 's3:' ? 'http' : 'https'
    return s3Source(`${scheme}://${parsed.host}`, parsed.pathname.replace(/^\//, ''))
  }
  throw new Error(`no reader for route ${url}`)
}

/** Reads blobs through the flist's routes: every route whose range holds id[0] is tried. */
export function routedSource(routes: Route[]): BlobSource {
  const sources = routes.map(route => ({ ...route, source: routeSource(route.url) }))
  return async id => {
    const first = parseInt(id.slice(0, 2), 16)
    for (const route of sources) {
      if (first < route.start || first > route.end) continue
      const blob = await route.source(id)
      if (blob) return blob
    }
    return undefined
  }
}

/** One file's content from its blocks, every hash checked; chunks are 512 KiB but the last. */
export async function fileContent(blocks: BlockRow[], source: BlobSource): Promise<Buffer> {
  const blobs: Buffer[] = []
  for (const block of blocks) {
    const blob = await source(block.id)
    if (!blob) throw new Error(`blob ${block.id} is in no store`)
    blobs.push(blob)
  }
  const plains = blobs.map((blob, i) =>
    snappyDecode(decrypt(blob, Buffer.from(blocks[i].key, 'hex')))
  )
  const hashes = blake2b256([...blobs, ...plains])
  blocks.forEach((block, i) => {
    if (hashes[i] !== block.id) throw new Error(`blob ${block.id} hashes to ${hashes[i]}`)
    const key = hashes[blobs.length + i]
    if (key !== block.key) throw new Error(`chunk ${i} of ${block.id} hashes to ${key}`)
    if (i < blocks.length - 1 && plains[i].length !== CHUNK)
      throw new Error(`chunk ${i} of inode ${block.ino} is ${plains[i].length} bytes, not ${CHUNK}`)
    if (plains[i].length === 0 || plains[i].length > CHUNK)
      throw new Error(`chunk ${i} of inode ${block.ino} is ${plains[i].length} bytes`)
  })
  return Buffer.concat(plains)
}

/**
 * Rebuilds the tree of an flist under target: walks from inode 1 by parent, files from their
 * blocks in rowid order, links from extra, fifos with mkfifo, modes from `mode`.
 */
export async function rebuild(flist: Flist, source: BlobSource, target: string): Promise<void> {
  const root = flist.inodes.get(1)
  if (!root || root.parent !== 0 || root.name !== '/' || (root.mode & S_IFMT) !== S_IFDIR)
    throw new Error(`inode 1 is not the root directory: ${JSON.stringify(root)}`)
  const seen = new Set<number>()
  const directories: [string, number][] = []
  const visit = async (inode: Inode, path: string): Promise<void> => {
    if (seen.has(inode.ino)) throw new Error(`inode ${inode.ino} reached twice`)
    seen.add(inode.ino)
    const type = inode.mode & S_IFMT
    const blocks = flist.blocks.get(inode.ino) ?? []
    if (type !== S_IFREG && blocks.length > 0) throw new Error(`${path} has blocks`)
    if (type !== S_IFLNK && inode.target) throw new Error(`${path} has extra data`)
    if (type === S_IFDIR) {
      mkdirSync(path, { recursive: true })
      for (const child of flist.children.get(inode.ino) ?? []) {
        if (
          child.name === '' ||
          child.name === '.' ||
          child.name === '..' ||
          child.name.includes('/')
        )
          throw new Error(`bad name ${JSON.stringify(child.name)} under ${path}`)
        await visit(child, join(path, child.name))
      }
      directories.push([path, inode.mode & 0o7777])
    } else if (type === S_IFREG) {
      const content = await fileContent(blocks, source)
      if (content.length !== inode.size)
        throw new Error(`${path}: ${content.length} bytes from blocks, size says ${inode.size}`)
      if (blocks.length !== Math.ceil(inode.size / CHUNK))
        throw new Error(`${path}: ${blocks.length} blocks for ${inode.size} bytes`)
      writeFileSync(path, content)
      chmodSync(path, inode.mode & 0o7777)
    } else if (type === S_IFLNK) {
      if (!inode.target) throw new Error(`${path}: link without extra data`)
      if (inode.size !== inode.target.length)
        throw new Error(`${path}: link size ${inode.size}, target ${inode.target.length} bytes`)
      symlinkSync(inode.target, path)
    } else if (type === S_IFIFO) {
      const run = spawnSync('mkfifo', ['-m', (inode.mode & 0o7777).toString(8), path])
      if (run.status !== 0) throw new Error(`mkfifo ${path}: ${run.stderr}`)
    } else {
      throw new Error(`${path}: unexpected mode ${inode.mode.toString(8)}`)
    }
  }
  await visit(root, target)
  // Permissions last, deepest first, so a read-only directory does not stop its own filling.
  for (const [path, mode] of directories) chmodSync(path, mode)
  if (seen.size !== flist.inodes.size) {
    const lost = [...flist.inodes.keys()].filter(ino => !seen.has(ino))
    throw new Error(`inodes not reachable from the root: ${lost.join(', ')}`)
  }
}

export interface Entry {
  mode: number
  size: number
  uid: number
  gid: number
  mtime: number
  content?: Buffer
  target?: Buffer
}

/** Every entry under root by relative path (root itself as '.'), from lstat, links unfollowed. */
export function snapshot(root: string): Map<string, Entry> {
  const entries = new Map<string, Entry>()
  const visit = (path: string, relative: string): void => {
    const stats = lstatSync(path)
    const entry: Entry = {
      mode: stats.mode,
      size: stats.size,
      uid: stats.uid,
      gid: stats.gid,
      mtime: Math.floor(stats.mtimeMs / 1000)
    }
    const type = stats.mode & S_IFMT
    if (type === S_IFREG) entry.content = readFileSync(path)
    if (type === S_IFLNK) entry.target = readlinkSync(path, { encoding: 'buffer' })
    entries.set(relative, entry)
    if (type === S_IFDIR) {
      for (const name of readdirSync(path)) {
        visit(join(path, name), relative === '.' ? name : `${relative}/${name}`)
      }
    }
  }
  visit(root, '.')
  return entries
}

/** The flist's own view of each entry, by the same relative paths as snapshot(). */
export function flistEntries(flist: Flist): Map<string, Inode> {
  const entries = new Map<string, Inode>()
  const visit = (inode: Inode, relative: string): void => {
    entries.set(relative, inode)
    for (const child of flist.children.get(inode.ino) ?? []) {
      visit(child, relative === '.' ? child.name : `${relative}/${child.name}`)
    }
  }
  visit(flist.inodes.get(1)!, '.')
  return entries
}
