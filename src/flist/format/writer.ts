// Writes flist metadata into an in-memory SQLite database and saves it in one go. Rows go in
// the order they are given: callers that want byte-identical files give them in a fixed order.
import { readFile } from 'node:fs/promises'
import { writeFileAtomically } from '../../common/atomic-write.js'
import type { Database, SqlValue, Statement } from 'sql.js'
import type { InodeRecord, RouteRecord } from './inode.js'
import { escapeName } from './name-bytes.js'
import { SCHEMA_STATEMENTS } from './schema.js'
import { loadSqlite } from './sqlite.js'

/**
 * Rows one insert statement adds. SQLite runs a statement's set-up once for all its rows, and
 * sql.js crosses into WebAssembly once per statement rather than per row.
 */
const ROWS_PER_INSERT = 64

/** Rows for one table, inserted ROWS_PER_INSERT at a time and in the order they were added. */
class RowBatch {
  private values: SqlValue[] = []
  private rows = 0
  private full: Statement | undefined

  constructor(
    private readonly db: Database,
    /** `insert into TABLE (COLUMNS) values`, without the values. */
    private readonly insert: string,
    private readonly columns: number
  ) {}

  add(...row: SqlValue[]): void {
    this.values.push(...row)
    if (++this.rows === ROWS_PER_INSERT) this.flush()
  }

  flush(): void {
    if (this.rows === ROWS_PER_INSERT) {
      this.full ??= this.db.prepare(this.statementFor(ROWS_PER_INSERT))
      this.full.run(this.values)
    } else if (this.rows > 0) {
      this.db.run(this.statementFor(this.rows), this.values)
    }
    this.discard()
  }

  /** Drops the rows not inserted yet, as a rollback drops those that were. */
  discard(): void {
    this.values = []
    this.rows = 0
  }

  free(): void {
    this.full?.free()
  }

  private statementFor(rows: number): string {
    const row = `(${new Array<string>(this.columns).fill('?').join(', ')})`
    return `${this.insert} ${new Array<string>(rows).fill(row).join(', ')}`
  }
}

export class FlistWriter {
  private readonly inodes: RowBatch
  private readonly extras: RowBatch
  private readonly blocks: RowBatch

  private constructor(private readonly db: Database) {
    for (const statement of SCHEMA_STATEMENTS) db.run(statement)
    this.inodes = new RowBatch(
      db,
      'insert into inode (ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime) values',
      10
    )
    this.extras = new RowBatch(db, 'insert into extra (ino, data) values', 2)
    this.blocks = new RowBatch(db, 'insert into block (ino, id, key) values', 3)
  }

  /** A new, empty flist. */
  static async create(): Promise<FlistWriter> {
    const SQL = await loadSqlite()
    return new FlistWriter(new SQL.Database())
  }

  /** An existing flist, to edit (see edit.ts). */
  static async open(path: string): Promise<FlistWriter> {
    const SQL = await loadSqlite()
    return new FlistWriter(new SQL.Database(await readFile(path)))
  }

  /** Groups many inserts into one transaction; without it every row is its own journal write. */
  transaction<T>(body: () => T): T {
    this.begin()
    try {
      const result = body()
      this.commit()
      return result
    } catch (error) {
      for (const batch of [this.inodes, this.extras, this.blocks]) batch.discard()
      this.db.run('ROLLBACK')
      throw error
    }
  }

  /** Opens a transaction that spans several steps; closing the writer without commit drops it. */
  begin(): void {
    this.flushRows()
    this.db.run('BEGIN')
  }

  commit(): void {
    this.flushRows()
    this.db.run('COMMIT')
  }

  /** Inode numbers are given, not assigned, so the caller's order fixes them. */
  inode(inode: InodeRecord): void {
    this.inodes.add(
      inode.ino,
      inode.parent,
      inode.name,
      inode.size,
      inode.uid,
      inode.gid,
      inode.mode,
      inode.rdev,
      inode.ctime,
      inode.mtime
    )
    if (inode.data) this.extras.add(inode.ino, inode.data)
  }

  /** Blocks of one file must be added in file order: readers fetch them in insertion order. */
  block(ino: number, id: Uint8Array, key: Uint8Array): void {
    this.blocks.add(ino, id, key)
  }

  route(start: number, end: number, url: string): void {
    this.flushRows()
    this.db.run('insert into route (start, end, url) values (?, ?, ?)', [start, end, url])
  }

  tag(key: string, value: string): void {
    this.flushRows()
    this.db.run('insert or replace into tag (key, value) values (?, ?)', [key, value])
  }

  /** Makes `tags` the whole tag table, in this order. */
  replaceTags(tags: ReadonlyArray<readonly [string, string]>): void {
    this.flushRows()
    this.db.run('delete from tag')
    for (const [key, value] of tags) this.tag(key, value)
  }

  /** Makes `routes` the whole route table, in this order. */
  replaceRoutes(routes: readonly RouteRecord[]): void {
    this.flushRows()
    this.db.run('delete from route')
    for (const route of routes) this.route(route.start, route.end, route.url)
  }

  /** Changes the owner and times of an inode already written. */
  updateOwnerAndTimes(inode: InodeRecord): void {
    this.flushRows()
    this.db.run('update inode set uid = ?, gid = ?, ctime = ?, mtime = ? where ino = ?', [
      inode.uid,
      inode.gid,
      inode.ctime,
      inode.mtime,
      inode.ino
    ])
  }

  /** Writes the database to path; readers never see half of it. */
  save(path: string): void {
    this.flushRows()
    this.refuseDuplicateNames(path)
    writeFileAtomically(path, this.db.export())
  }

  close(): void {
    for (const batch of [this.inodes, this.extras, this.blocks]) batch.free()
    this.db.close()
  }

  /** Readers refuse a directory with two entries of one name: no such flist is ever written. */
  private refuseDuplicateNames(path: string): void {
    const [found] = this.db.exec(
      'select parent, name, min(ino), max(ino) from inode group by parent, name having count(*) > 1 limit 1'
    )
    if (!found) return
    const [parent, name, first, second] = found.values[0]
    throw new Error(
      `${path}: inodes ${String(first)} and ${String(second)} are both named '${escapeName(String(name))}' in directory inode ${String(parent)}: an flist holds one entry per name`
    )
  }

  /** Rows added so far go in before any other statement runs, in a fixed order. */
  private flushRows(): void {
    for (const batch of [this.inodes, this.extras, this.blocks]) batch.flush()
  }
}
