// Builds dist/: the action entry, the engine CLI, the block-codec worker (its own bundle, since
// worker threads load a file), and the SQLite WebAssembly binary, which sql.js cannot locate from
// inside a bundle, beside each bundle that opens flists. First the inputs module is written from
// action.yml, so the bundle reads the inputs users read.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { writeActionInputs } from './action-inputs.mjs'

const require = createRequire(import.meta.url)
const ncc = [
  'node_modules/@vercel/ncc/dist/ncc/cli.js',
  'build',
  '--quiet',
  '--license',
  'licenses.txt'
]
const entries = [
  { source: 'src/index.ts', out: 'dist', sqlite: true },
  { source: 'src/rfs-cli.ts', out: 'dist/rfs-cli', sqlite: true },
  { source: 'src/flist/pool/block-worker.ts', out: 'dist/block-worker', sqlite: false }
]

await writeActionInputs()
rmSync('dist', { recursive: true, force: true })
for (const { source, out, sqlite } of entries) {
  if (!existsSync(source)) continue
  execFileSync(process.execPath, [...ncc, source, '-o', out], { stdio: 'inherit' })
  if (sqlite) copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), join(out, 'sql-wasm.wasm'))
}
