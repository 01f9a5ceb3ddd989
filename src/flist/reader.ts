// Reads an flist, whoever wrote it: rfs, this project, or another tool. Lenient on the storage
// class of values (a link target may be TEXT, a number REAL), strict on block id and key sizes.
import { readFile } from 'node:fs/promises'
import type { Database, SqlValue } from 'sql.js'
import { HASH_LENGTH, toHex } from './codec.js'
import type { BlockRecord, InodeRecord, RouteRecord } from './inode.js'
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './modes.js'
import { ROOT_INO } from './schema.js'
import { loadSqlite } from './sqlite.js'

const INODE_COLUMNS =
  'inode.ino, inode.parent, inode.name, inode.size, inode.uid, inode.gid, inode.mode, inode.rdev, inode.ctime, inode.mtime, extra.data'

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

export class FlistReader {
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
      reader.inode(ROOT_INO)
    } catch (error) {
      db.close()
      throw new Error(
        `${path} is not an flist: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error }
      )
    }
    return reader
  }

  inode(ino: number): InodeRecord {
    const rows = this.query(
      `select ${INODE_COLUMNS} from inode left join extra on inode.ino = extra.ino where inode.ino = ?`,
      [ino]
    )
    if (rows.length === 0) throw new Error(`inode ${ino} not found`)
    return toInode(rows[0])
  }

  children(parent: number): InodeRecord[] {
    return this.query(
      `select ${INODE_COLUMNS} from inode left join extra on inode.ino = extra.ino where inode.parent = ? order by inode.ino`,
      [parent]
    ).map(toInode)
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

  /** Every entry reachable from the root, parents before children, children in inode order. */
  *walk(): Generator<TreeEntry> {
    const pending: TreeEntry[] = [{ path: '', inode: this.inode(ROOT_INO) }]
    while (pending.length > 0) {
      const entry = pending.pop()!
      yield entry
      if ((entry.inode.mode & S_IFMT) !== S_IFDIR) continue
      const children = this.children(entry.inode.ino)
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i]
        // A malformed flist could name a directory its own ancestor; never loop on it.
        if (child.ino === entry.inode.ino || child.ino === ROOT_INO) continue
        pending.push({
          path: entry.path ? `${entry.path}/${child.name}` : child.name,
          inode: child
        })
      }
    }
  }

  close(): void {
    this.db.close()
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

function toInode(row: SqlValue[]): InodeRecord {
  const [ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime, data] = row
  return {
    ino: Number(ino),
    parent: Number(parent),
    name: name instanceof Uint8Array ? Buffer.from(name).toString('utf8') : String(name ?? ''),
    size: Number(size ?? 0),
    uid: Number(uid ?? 0),
    gid: Number(gid ?? 0),
    mode: Number(mode ?? 0),
    rdev: Number(rdev ?? 0),
    ctime: Number(ctime ?? 0),
    mtime: Number(mtime ?? 0),
    data: data === null || data === undefined ? undefined : toBytes(data)
  }
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
