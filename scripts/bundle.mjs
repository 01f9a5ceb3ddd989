// Builds dist/: the action entry, the block-codec worker (its own bundle, since worker threads
// load a file), and the SQLite WebAssembly binary that sql.js cannot locate from inside a bundle.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', '--quiet', '--license', 'licenses.txt']

rmSync('dist', { recursive: true, force: true })
execFileSync(process.execPath, [...ncc, 'src/index.ts', '-o', 'dist'], { stdio: 'inherit' })
if (existsSync('src/flist/block-worker.ts')) {
  execFileSync(process.execPath, [...ncc, 'src/flist/block-worker.ts', '-o', 'dist/block-worker'], {
    stdio: 'inherit'
  })
}
copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), 'dist/sql-wasm.wasm')
