// Block rows go into the flist as their blocks are encoded, not all after the last one: behind
// every inode row and in file order, so the database comes out the same whatever order the
// workers finish in.
import type { FlistWriter } from './writer.js'

export interface BlockRow {
  ino: number
  id: Uint8Array
  key: Uint8Array
}

export class BlockRows {
  /** Each task's rows, from when it is encoded until the tasks before it are written. */
  private readonly waiting: Array<BlockRow[] | undefined>
  private written = 0
  private writer: FlistWriter | undefined

  constructor(tasks: number) {
    this.waiting = new Array<BlockRow[] | undefined>(tasks)
  }

  /** A task's rows, in file and chunk order. */
  add(task: number, rows: BlockRow[]): void {
    this.waiting[task] = rows
    this.write()
  }

  /** Rows go into this writer from now on: every inode row must be in it already. */
  writeTo(writer: FlistWriter): void {
    this.writer = writer
    this.write()
  }

  get complete(): boolean {
    return this.written === this.waiting.length
  }

  private write(): void {
    if (!this.writer) return
    for (let rows = this.waiting[this.written]; rows; rows = this.waiting[this.written]) {
      for (const { ino, id, key } of rows) this.writer.block(ino, id, key)
      this.waiting[this.written++] = undefined
    }
  }
}
