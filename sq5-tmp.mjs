import initSqlJs from 'sql.js'
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
const mode = process.argv[2], R = Number(process.argv[3] ?? 50)
const t0 = performance.now()
const lap = (() => { let t = performance.now(); return (m) => { const n = performance.now(); process.stdout.write(`${m} ${(n - t).toFixed(0)}  `); t = n } })()
const wasmBinary = readFileSync('node_modules/sql.js/dist/sql-wasm.wasm')
const SQL = await initSqlJs({ wasmBinary }); lap('init')
const db = new SQL.Database()
db.run(`CREATE TABLE inode (ino INTEGER PRIMARY KEY AUTOINCREMENT, parent INTEGER, name VARCHAR(255), size INTEGER, uid INTEGER, gid INTEGER, mode INTEGER, rdev INTEGER, ctime INTEGER, mtime INTEGER); CREATE INDEX parents ON inode (parent); CREATE INDEX names ON inode (name); CREATE TABLE block (ino INTEGER, id VARCHAR(32), key VARCHAR(32)); CREATE INDEX block_ino ON block (ino);`); lap('schema')
db.run('BEGIN')
const inodes = Array.from({ length: 4105 }, (_, k) => [k + 1, 1, 'file-' + (k + 1) + '.ko', 27000, 0, 0, 0o100644, 0, 1, 1])
const blocks = Array.from({ length: 4000 }, (_, k) => [k + 2, randomBytes(32), randomBytes(32)])
if (mode === 'row') {
  const ins = db.prepare('insert into inode (ino, parent, name, size, uid, gid, mode, rdev, ctime, mtime) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  for (const r of inodes) ins.run(r); lap('inodes')
  const b = db.prepare('insert into block (ino, id, key) values (?, ?, ?)')
  for (const r of blocks) b.run(r); lap('blocks')
} else if (mode === 'multi') {
  const stmtFor = (table, cols, n) => db.prepare(`insert into ${table} (${cols}) values ${Array(n).fill('(' + cols.split(',').map(() => '?').join(',') + ')').join(',')}`)
  const run = (table, cols, rows) => { const full = stmtFor(table, cols, R); let i = 0; for (; i + R <= rows.length; i += R) full.run(rows.slice(i, i + R).flat()); if (i < rows.length) stmtFor(table, cols, rows.length - i).run(rows.slice(i).flat()) }
  run('inode', 'ino,parent,name,size,uid,gid,mode,rdev,ctime,mtime', inodes); lap('inodes')
  run('block', 'ino,id,key', blocks); lap('blocks')
} else if (mode === 'text') {
  const lit = v => typeof v === 'number' ? String(v) : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : `X'${Buffer.from(v).toString('hex')}'`
  for (let i = 0; i < inodes.length; i += R) db.exec(`insert into inode (ino,parent,name,size,uid,gid,mode,rdev,ctime,mtime) values ${inodes.slice(i, i + R).map(r => '(' + r.map(lit).join(',') + ')').join(',')}`); lap('inodes')
  for (let i = 0; i < blocks.length; i += R) db.exec(`insert into block (ino,id,key) values ${blocks.slice(i, i + R).map(r => '(' + r.map(lit).join(',') + ')').join(',')}`); lap('blocks')
}
db.run('COMMIT'); lap('commit')
const bytes = db.export(); lap('export')
const u = process.cpuUsage(); console.log('total', (performance.now() - t0).toFixed(0), 'cpu', ((u.user + u.system) / 1000).toFixed(0))
