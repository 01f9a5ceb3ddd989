// Rows handed to the flist writer by the tests of the writer and of what feeds it.
import type { InodeRecord } from '../../src/flist/format/inode.js'

/** 32 bytes telling `n` apart (its low byte throughout, its high byte first): an id or key. */
export const id = (n: number): Uint8Array => new Uint8Array(32).fill(n % 256).fill(n >> 8, 0, 1)

/** An entry of the root directory named `e<ino>`, `ino` bytes long. */
export function entry(ino: number, mode: number, data?: Uint8Array): InodeRecord {
  return {
    ino,
    parent: 1,
    name: `e${ino}`,
    size: ino,
    uid: 0,
    gid: 0,
    mode,
    rdev: 0,
    ctime: 1,
    mtime: 2,
    data
  }
}
