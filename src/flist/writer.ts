// Writes flist metadata into an in-memory SQLite database and saves it in one go. Rows go in
// the order they are given: callers that want byte-identical files give them in a fixed order.
import { readFile } from 'node:fs/promises'
import { writeFileAtomically } from '../atomic-write.js'
import type { Database, Statement } from 'sql.js'
import type { InodeRecord } from './inode.js'
import { SCHEMA_STATEMENTS } from './schema.js'
import { loadSqlite } from './sqlite.js'

export class FlistWriter {
  private readonly insertInode: Statement
  private readonly insertExtra: Statement
  private readonly insertBlock: Statement

  private constructor(private readonly db: Database) {
    for (const statement of SCHEMA_STATEMENTS) db.run(statement)
    this.insertInode = db.prepare(
      'insert into inode (ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
    )
    this.insertExtra = db.prepare('insert into extra (ino, data) values (?, ?)')
    this.insertBlock = db.prepare('insert into block (ino, id, key) values (?, ?, ?)')
  }

  /** A new, empty flist. */
  static async create(): Promise<FlistWriter> {
    const SQL = await loadSqlite()
    return new FlistWriter(new SQL.Database())
  }

  /** An existing flist, to change its tags or routes. */
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
      this.db.run('ROLLBACK')
      throw error
    }
  }

  /** Opens a transaction that spans several steps; closing the writer without commit drops it. */
  begin(): void {
    this.db.run('BEGIN')
  }

  commit(): void {
    this.db.run('COMMIT')
  }

  /** Inode numbers are given, not assigned, so the caller's order fixes them. */
  inode(inode: InodeRecord): void {
    this.insertInode.run([
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
    ])
    if (inode.data) this.insertExtra.run([inode.ino, inode.data])
  }

  /** Blocks of one file must be added in file order: readers fetch them in insertion order. */
  block(ino: number, id: Uint8Array, key: Uint8Array): void {
    this.insertBlock.run([ino, id, key])
  }

  route(start: number, end: number, url: string): void {
    this.db.run('insert into route (start, end, url) values (?, ?, ?)', [start, end, url])
  }

  tag(key: string, value: string): void {
    this.db.run('insert or replace into tag (key, value) values (?, ?)', [key, value])
  }

  deleteTag(key: string): void {
    this.db.run('delete from tag where key = ?', [key])
  }

  deleteAllTags(): void {
    this.db.run('delete from tag')
  }

  deleteRoute(url: string): void {
    this.db.run('delete from route where url = ?', [url])
  }

  deleteAllRoutes(): void {
    this.db.run('delete from route')
  }

  /** Writes the database to path; readers never see half of it. */
  async save(path: string): Promise<void> {
    await writeFileAtomically(path, this.db.export())
  }

  close(): void {
    this.insertInode.free()
    this.insertExtra.free()
    this.insertBlock.free()
    this.db.close()
  }
}
