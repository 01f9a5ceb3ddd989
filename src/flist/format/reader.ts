// Reads an flist, whoever wrote it: rfs, this project, or another tool. Lenient on the storage
// class of values (a link target may be TEXT, a number REAL), strict on block id and key sizes,
// and on the shape of the tree: opening an flist checks that it describes a tree every reader can
// rebuild inside one directory (see checkedTree), so unpack, verify and the rfs engine's checks
// never see two entries of one name, a name that is not one path component, or an entry under a
// symlink.
import { isUtf8 } from 'node:buffer'
import { readFile } from 'node:fs/promises'
import type { Database, SqlValue } from 'sql.js'
import { UserError } from '../../common/errors.js'
import { HASH_LENGTH, toHex } from './codec.js'
import type { BlockRecord, InodeRecord, RouteRecord } from './inode.js'
import { entryType, type EntryType, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './modes.js'
import { escapeBytes, escapeName } from './name-bytes.js'
import { ROOT_INO } from './schema.js'
import { loadSqlite } from './sqlite.js'

// Names and link targets as blobs: SQL.js reads TEXT up to its first NUL byte, and decodes bytes
// that are not UTF-8 lossily; both would hide what the flist really holds.
const INODE_COLUMNS =
  'inode.ino, inode.parent, cast(inode.name as blob), inode.size, inode.uid, inode.gid, inode.mode, inode.rdev, inode.ctime, inode.mtime, cast(extra.data as blob)'

/** Bytes in a file name on Linux. */
const NAME_MAX = 255

/** What every refusal of an unsafe tree ends with. */
const DAMAGED = 'the flist is damaged or crafted: do not unpack or publish it, pack the tree again'

export interface TreeEntry {
  /** Slash-separated, relative to the root; '' for the root itself. */
  path: string
  inode: InodeRecord
}

export interface MetadataCounts {
  files: number
  /** The root included, as `rfs flist inspect` counts. */
  directories: number
  symlinks: number
  /** Sum of the sizes of regular files. */
  bytes: number
  /** Block rows: one per chunk of every file, duplicates included. */
  blocks: number
}

/** A tree an flist describes that cannot be rebuilt safely: what is wrong, and the fix. */
class UnsafeTree extends Error {
  constructor(
    message: string,
    readonly fix = DAMAGED
  ) {
    super(message)
  }
}

const TYPE_NAMES: Record<EntryType, string> = {
  file: 'a file',
  directory: 'a directory',
  symlink: 'a symlink',
  block: 'a block device',
  char: 'a character device',
  fifo: 'a fifo',
  socket: 'a socket',
  unknown: 'an entry of unknown type'
}

export class FlistReader {
  private entries: TreeEntry[] = []

  private constructor(
    private readonly db: Database,
    readonly path: string
  ) {}

  static async open(path: string): Promise<FlistReader> {
    const SQL = await loadSqlite()
    const bytes = await readFile(path)
    const db = new SQL.Database(bytes)
    const reader = new FlistReader(db, path)
    try {
      reader.entries = reader.checkedTree()
    } catch (error) {
      db.close()
      if (error instanceof UnsafeTree)
        throw new UserError(`${path}: ${error.message}; ${error.fix}`)
      throw new Error(
        `${path} is not an flist: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error }
      )
    }
    return reader
  }

  blocks(ino: number): BlockRecord[] {
    return this.query('select id, key from block where ino = ? order by rowid', [ino]).map(toBlock)
  }

  /** Every distinct block id with one of its keys, in first-use order. */
  distinctBlocks(): BlockRecord[] {
    const seen = new Map<string, BlockRecord>()
    for (const row of this.query('select id, key from block order by rowid')) {
      const block = toBlock(row)
      const hex = toHex(block.id)
      if (!seen.has(hex)) seen.set(hex, block)
    }
    return [...seen.values()]
  }

  tags(): Array<[string, string]> {
    return this.query('select key, value from tag order by rowid').map(([key, value]) => [
      String(key),
      String(value)
    ])
  }

  routes(): RouteRecord[] {
    return this.query('select start, end, url from route order by rowid').map(
      ([start, end, url]) => ({
        start: Number(start),
        end: Number(end),
        url: String(url)
      })
    )
  }

  counts(): MetadataCounts {
    const [[files, bytes]] = this.query(
      'select count(*), coalesce(sum(size), 0) from inode where (mode & ?) = ?',
      [S_IFMT, S_IFREG]
    )
    const count = (type: number): number =>
      Number(this.query('select count(*) from inode where (mode & ?) = ?', [S_IFMT, type])[0][0])
    const [[blocks]] = this.query('select count(*) from block')
    return {
      files: Number(files),
      directories: count(S_IFDIR),
      symlinks: count(S_IFLNK),
      bytes: Number(bytes),
      blocks: Number(blocks)
    }
  }

  /** Every entry of the tree, parents before children, children in inode order. */
  *walk(): Generator<TreeEntry> {
    yield* this.entries
  }

  close(): void {
    this.db.close()
  }

  /**
   * The entries from the root down, refused (UnsafeTree) unless the tree can be rebuilt inside
   * one directory by creating each entry at its path: the root is a directory; every name is one
   * UTF-8 path component (not empty, `.` or `..`, no `/` or NUL) and unique in its directory;
   * only directories have entries under them; every inode is in the tree; symlinks have a target.
   */
  private checkedTree(): TreeEntry[] {
    const rows = this.query(
      `select ${INODE_COLUMNS} from inode left join extra on inode.ino = extra.ino order by inode.ino`
    ).map(toRow)
    checkUniqueInodes(rows)
    const root = rows.find(row => row.inode.ino === ROOT_INO)
    if (!root) throw new Error(`inode ${ROOT_INO} not found`)
    if (entryType(root.inode.mode) !== 'directory')
      throw new UnsafeTree(
        `its root (inode 1) is ${TYPE_NAMES[entryType(root.inode.mode)]}, not a directory`
      )
    const children = new Map<number, Row[]>()
    for (const row of rows) {
      if (row === root) continue
      const siblings = children.get(row.inode.parent)
      if (siblings) siblings.push(row)
      else children.set(row.inode.parent, [row])
    }

    const entries: TreeEntry[] = []
    const pending: TreeEntry[] = [{ path: '', inode: root.inode }]
    while (pending.length > 0) {
      const entry = pending.pop()!
      entries.push(entry)
      const below = children.get(entry.inode.ino) ?? []
      const type = entryType(entry.inode.mode)
      if (type === 'symlink') checkLinkTarget(entry)
      if (below.length === 0) continue
      if (type !== 'directory') {
        const first = `/${escapeName(entry.path)}/${escapeBytes(below[0].nameBytes)}`
        throw new UnsafeTree(`${first} is under ${TYPE_NAMES[type]}, not a directory`)
      }
      const named = new Map<string, number>()
      for (const child of below) {
        checkName(entry.path, child)
        const path = entry.path ? `${entry.path}/${child.inode.name}` : child.inode.name
        const twin = named.get(child.inode.name)
        if (twin !== undefined)
          throw new UnsafeTree(
            `two entries are named /${escapeName(path)} (inodes ${twin} and ${child.inode.ino})`,
            duplicateFix(child.inode.name)
          )
        named.set(child.inode.name, child.inode.ino)
      }
      for (let i = below.length - 1; i >= 0; i--) {
        const child = below[i]
        pending.push({
          path: entry.path ? `${entry.path}/${child.inode.name}` : child.inode.name,
          inode: child.inode
        })
      }
    }
    if (entries.length < rows.length) throw new UnsafeTree(describeStray(rows, entries))
    return entries
  }

  private query(sql: string, params: SqlValue[] = []): SqlValue[][] {
    const statement = this.db.prepare(sql)
    try {
      statement.bind(params)
      const rows: SqlValue[][] = []
      while (statement.step()) rows.push(statement.get())
      return rows
    } finally {
      statement.free()
    }
  }
}

/** An inode row with the bytes of its name, which the checks need as they are. */
interface Row {
  inode: InodeRecord
  nameBytes: Uint8Array
}

function toRow(row: SqlValue[]): Row {
  const [ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime, data] = row
  const nameBytes = name === null || name === undefined ? new Uint8Array() : toBytes(name)
  const inode: InodeRecord = {
    ino: Number(ino),
    parent: Number(parent),
    name: Buffer.from(nameBytes).toString('utf8'),
    size: Number(size ?? 0),
    uid: Number(uid ?? 0),
    gid: Number(gid ?? 0),
    mode: Number(mode ?? 0),
    rdev: Number(rdev ?? 0),
    ctime: Number(ctime ?? 0),
    mtime: Number(mtime ?? 0),
    data: data === null || data === undefined ? undefined : toBytes(data)
  }
  return { inode, nameBytes }
}

/**
 * One row per inode number. rfs's schema makes `ino` the key, but a crafted file may not: a number
 * used twice (or a link target recorded twice) would let a directory sit under itself, and the walk
 * from the root would never end.
 */
function checkUniqueInodes(rows: Row[]): void {
  const seen = new Map<number, Row>()
  for (const row of rows) {
    const first = seen.get(row.inode.ino)
    if (first)
      throw new UnsafeTree(
        `inode ${row.inode.ino} is recorded twice ('${escapeBytes(first.nameBytes)}' and '${escapeBytes(row.nameBytes)}')`
      )
    seen.set(row.inode.ino, row)
  }
}

/** A name must be one path component, so that the entry stays in its directory. */
function checkName(parentPath: string, { nameBytes }: Row): void {
  const of = `an entry of /${escapeName(parentPath)}`
  if (nameBytes.length === 0) throw new UnsafeTree(`${of} has an empty name`)
  if (!isUtf8(nameBytes)) {
    const path = parentPath ? `/${escapeName(parentPath)}/` : '/'
    throw new UnsafeTree(`the name of ${path}${escapeBytes(nameBytes)} is not UTF-8`)
  }
  const name = Buffer.from(nameBytes).toString('utf8')
  if (name === '.' || name === '..' || name.includes('/') || name.includes('\0'))
    throw new UnsafeTree(`${of} is named '${escapeName(name)}', which is not a file name`)
  if (nameBytes.length > NAME_MAX)
    throw new UnsafeTree(
      `${of} has a name of ${nameBytes.length} bytes, over the ${NAME_MAX} a file name may have`
    )
}

function checkLinkTarget({ path, inode }: TreeEntry): void {
  if (!inode.data || inode.data.length === 0)
    throw new UnsafeTree(`the symlink /${escapeName(path)} has no target`)
  if (inode.data.includes(0))
    throw new UnsafeTree(`the symlink /${escapeName(path)} has a NUL byte in its target`)
}

/** Names the first inode the walk from the root did not reach, and why. */
function describeStray(rows: Row[], reached: TreeEntry[]): string {
  const inTree = new Set(reached.map(entry => entry.inode.ino))
  const stray = rows.find(row => !inTree.has(row.inode.ino))!
  const { ino, parent } = stray.inode
  const why = rows.some(row => row.inode.ino === parent)
    ? 'is not under the root either'
    : 'is not in the flist'
  return `inode ${ino} ('${escapeBytes(stray.nameBytes)}') is not under the root: its parent, inode ${parent}, ${why}`
}

/** rfs packs names that are not UTF-8 lossily (U+FFFD), so names that differed become one. */
function duplicateFix(name: string): string {
  return name.includes('\uFFFD')
    ? 'names that are not UTF-8 become U+FFFD in rfs: rename them in the tree to UTF-8 and pack again'
    : DAMAGED
}

function toBlock([id, key]: SqlValue[]): BlockRecord {
  const block = { id: toBytes(id), key: toBytes(key) }
  if (block.id.length !== HASH_LENGTH)
    throw new Error(`a block id is ${block.id.length} bytes, not ${HASH_LENGTH}`)
  if (block.key.length !== HASH_LENGTH)
    throw new Error(`a block key is ${block.key.length} bytes, not ${HASH_LENGTH}`)
  return block
}

function toBytes(value: SqlValue): Uint8Array {
  if (value instanceof Uint8Array) return value
  return new Uint8Array(Buffer.from(String(value ?? ''), 'utf8'))
}
