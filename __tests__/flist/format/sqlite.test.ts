// The SQLite engine the reader and writer open flists with, checked against the sqlite3 shell.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, test } from '@jest/globals'
import { loadSqlite } from '../../../src/flist/format/sqlite.js'
import { sql } from '../../helpers/independent-flist.js'
import { flistWith } from '../../helpers/sql-flist.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('sqlite')
const source = resolve('src/flist/format')

describe('loadSqlite', () => {
  test('opens what the sqlite3 shell wrote, and writes what it reads', async () => {
    const SQL = await loadSqlite()
    const db = new SQL.Database(readFileSync(flistWith(work, "insert into tag values ('k', 'v')")))
    expect(db.exec('select name from inode where ino = 1')[0].values).toEqual([['/']])
    db.run("insert into tag values ('kind', 'firmware')")
    const path = join(work, 'written.fl')
    writeFileSync(path, db.export())
    db.close()
    expect(sql(path, 'select key, value from tag order by key')).toEqual([
      { key: 'k', value: 'v' },
      { key: 'kind', value: 'firmware' }
    ])
  })

  // In a process of its own: sql.js keeps the first engine it made for the rest of a process.
  test('takes the WebAssembly beside the module first, as a bundle has it', () => {
    // The module copied out with its loader, sql.js reachable, and a damaged sql-wasm.wasm beside.
    const copy = join(work, 'beside')
    mkdirSync(copy)
    for (const file of ['sqlite.ts', 'sqlite-loader.cjs', 'sqlite-loader.d.cts'])
      copyFileSync(join(source, file), join(copy, file))
    symlinkSync(resolve('node_modules'), join(work, 'node_modules'))
    writeFileSync(join(work, 'package.json'), '{ "type": "module" }')
    writeFileSync(join(copy, 'sql-wasm.wasm'), 'not WebAssembly')
    const load = `import(${JSON.stringify(pathToFileURL(join(copy, 'sqlite.ts')).href)})
      .then(module => module.loadSqlite()).then(() => console.log('loaded'))`
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', load],
      { encoding: 'utf8' }
    )
    // sql.js aborts on bytes that are not WebAssembly: these are the first four of the damaged file.
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('expected magic word 00 61 73 6d, found 6e 6f 74 20')
  })
})
