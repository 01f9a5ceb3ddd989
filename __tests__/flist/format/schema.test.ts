// The schema rfs reads, as the sqlite3 shell sees it once our statements have run: the tables,
// columns, keys and indexes of FLIST-FORMAT.md, written out here rather than taken from the module.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { SCHEMA_STATEMENTS } from '../../../src/flist/format/schema.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('schema')
let made = 0

/** A new database holding the schema, applied `times` times. */
function schemaFile(times = 1): string {
  const path = join(work, `schema-${++made}.db`)
  const statements = Array.from({ length: times }, () => SCHEMA_STATEMENTS).flat()
  execFileSync('sqlite3', [path, statements.join('\n')])
  return path
}

const sqlite = (path: string, sql: string): string[] =>
  execFileSync('sqlite3', [path, sql], { encoding: 'utf8' }).trim().split('\n')

/** name type primary-key-position, each column of the table in order. */
const columns = (path: string, table: string): string[] =>
  sqlite(path, `select name || ' ' || type || ' ' || pk from pragma_table_info('${table}')`)

describe('the flist schema', () => {
  const path = schemaFile()

  test('has the five tables of rfs, with their columns in rfs order', () => {
    expect(
      sqlite(path, "select name from sqlite_master where type = 'table' order by name")
    ).toEqual(['block', 'extra', 'inode', 'route', 'sqlite_sequence', 'tag'])
    expect(columns(path, 'inode')).toEqual([
      'ino INTEGER 1',
      'parent INTEGER 0',
      'name VARCHAR(255) 0',
      'size INTEGER 0',
      'uid INTEGER 0',
      'gid INTEGER 0',
      'mode INTEGER 0',
      'rdev INTEGER 0',
      'ctime INTEGER 0',
      'mtime INTEGER 0'
    ])
    expect(columns(path, 'extra')).toEqual(['ino INTEGER 1', 'data VARCHAR(4096) 0'])
    expect(columns(path, 'block')).toEqual([
      'ino INTEGER 0',
      'id VARCHAR(32) 0',
      'key VARCHAR(32) 0'
    ])
    expect(columns(path, 'tag')).toEqual(['key VARCHAR(10) 1', 'value VARCHAR(255) 0'])
    expect(columns(path, 'route')).toEqual([
      'start INTEGER 0',
      'end INTEGER 0',
      'url VARCHAR(2048) 0'
    ])
  })

  test('indexes inodes by parent and by name, and blocks by inode', () => {
    const indexes = sqlite(
      path,
      "select m.name || ' ' || m.tbl_name || '(' || i.name || ')' from sqlite_master m, " +
        "pragma_index_info(m.name) i where m.type = 'index' and m.sql is not null order by m.name"
    )
    expect(indexes).toEqual(['block_ino block(ino)', 'names inode(name)', 'parents inode(parent)'])
  })

  test('numbers inodes itself when no number is given, and keeps one value per tag key', () => {
    const db = schemaFile()
    sqlite(db, "insert into inode (parent, name) values (0, '/'), (1, 'lib')")
    expect(sqlite(db, 'select ino, name from inode order by ino')).toEqual(['1|/', '2|lib'])
    sqlite(db, "insert into tag values ('kind', 'modules')")
    expect(() =>
      execFileSync('sqlite3', [db, "insert into tag values ('kind', 'firmware')"], {
        stdio: 'pipe'
      })
    ).toThrow(/UNIQUE constraint failed: tag.key/)
  })

  test('runs again on a database that has it, changing nothing', () => {
    const dump = (file: string): string[] => sqlite(file, '.schema')
    expect(dump(schemaFile(2))).toEqual(dump(path))
  })
})
