// Reads an flist, whoever wrote it: rfs, this project, or another tool. Lenient on the storage
// class of values (a link target may be TEXT, a number REAL), strict on block id and key sizes,
// and on the shape of the tree: opening an flist checks it (see tree-check.ts).
import { readFile } from 'node:fs/promises'
import type { Database, SqlValue } from 'sql.js'
import { UserError } from '../../common/errors.js'
import { HASH_LENGTH, toHex } from './codec.js'
import type { BlockRecord, InodeRecord, RouteRecord } from './inode.js'
import { loadSqlite } from './sqlite.js'
import { checkedTree, UnsafeTree, type InodeRow, type TreeEntry } from './tree-check.js'

export type { TreeEntry } from './tree-check.js'

// Names and link targets as blobs: SQL.js reads TEXT up to its first NUL byte, and decodes bytes
// that are not UTF-8 lossily; both would hide what the flist really holds.
const INODE_COLUMNS =
  'inode.ino, inode.parent, cast(inode.name as blob), inode.size, inode.uid, inode.gid, inode.mode, inode.rdev, inode.ctime, inode.mtime, cast(extra.data as blob)'

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
      reader.entries = reader.readTree()
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

  /** Block rows: one per chunk of every file, duplicates included. */
  blockRows(): number {
    return Number(this.query('select count(*) from block')[0][0])
  }

  /** Every entry of the tree, parents before children, children in inode order. */
  *walk(): Generator<TreeEntry> {
    yield* this.entries
  }

  close(): void {
    this.db.close()
  }

  private readTree(): TreeEntry[] {
    return checkedTree(
      this.query(
        `select ${INODE_COLUMNS} from inode left join extra on inode.ino = extra.ino order by inode.ino`
      ).map(toRow)
    )
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

function toRow(row: SqlValue[]): InodeRow {
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
