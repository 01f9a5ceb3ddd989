// sql.js cannot find its WebAssembly inside a bundle: the bundle script copies sql-wasm.wasm next
// to each bundle that opens flists, and from the sources the package's own copy is used.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SqlJsStatic } from 'sql.js'
import initSqlJs from './sqlite-loader.cjs'

const require = createRequire(import.meta.url)
let loading: Promise<SqlJsStatic> | undefined

/** The SQLite engine, loaded once per thread. */
export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= compileAndInstantiate()
  return loading
}

function compileAndInstantiate(): Promise<SqlJsStatic> {
  // The browser build fetches nothing when it is given the WebAssembly bytes.
  const wasm = readFileSync(locateWasm())
  return initSqlJs({ wasmBinary: new Uint8Array(wasm).buffer })
}

function locateWasm(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'sql-wasm.wasm')
  if (existsSync(beside)) return beside
  return require.resolve('sql.js/dist/sql-wasm.wasm')
}
