// Reorders the block rows of an flist the way rfs's parallel uploads leave them: rfs uploads ten
// files at once and inserts each block row as its upload finishes, so the rows of one file stay in
// file order while files interleave, differently on every run. Run with tsx, the flist's path as
// its argument.
import { readFileSync, writeFileSync } from 'node:fs'
import type { SqlValue } from 'sql.js'
import { loadSqlite } from '../../../src/flist/format/sqlite.js'

const [path] = process.argv.slice(2)
const SQL = await loadSqlite()
const db = new SQL.Database(readFileSync(path))
const rows = db.exec('select ino, id, key from block order by rowid')[0]?.values ?? []
const perFile = new Map<SqlValue, SqlValue[][]>()
for (const row of rows) {
  const queue = perFile.get(row[0]) ?? []
  queue.push(row)
  perFile.set(row[0], queue)
}
const pending = [...perFile.values()]
db.run('BEGIN')
db.run('delete from block')
while (pending.length > 0) {
  const pick = Math.floor(Math.random() * pending.length)
  db.run('insert into block (ino, id, key) values (?, ?, ?)', pending[pick].shift()!)
  if (pending[pick].length === 0) pending.splice(pick, 1)
}
db.run('COMMIT')
writeFileSync(path, db.export())
db.close()
