// Flists written with the sqlite3 shell, row by row, as another tool could write them.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { SCHEMA_STATEMENTS } from '../../src/flist/format/schema.js'

let made = 0

/** An flist of the rfs schema in `dir`, holding a root directory and the rows these statements add. */
export function flistWith(dir: string, ...statements: string[]): string {
  const path = join(dir, `sql-${++made}.fl`)
  const root = "insert into inode values (1, 0, '/', 4096, 0, 0, 16877, 0, 0, 0)"
  execFileSync('sqlite3', [path, [...SCHEMA_STATEMENTS, root, ...statements].join(';\n')])
  return path
}

/** 32 bytes, each of them `byte`, as an SQL blob literal: an id or key. */
export const hashLiteral = (byte: number): string =>
  `x'${byte.toString(16).padStart(2, '0').repeat(32)}'`

/** A regular file's inode row (mode 0644). */
export const fileRow = (ino: number, parent: number, name: string, size: number): string =>
  `insert into inode values (${ino}, ${parent}, '${name}', ${size}, 0, 0, 33188, 0, 0, 0)`
