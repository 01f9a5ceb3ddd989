// sql.js cannot find its WebAssembly inside a bundle: the bundle script copies sql-wasm.wasm next
// to each bundle that opens flists, and from the sources the package's own copy is used.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SqlJsStatic } from 'sql.js'
import initSqlJs from './sqlite-loader.cjs'
import { compileWithoutTierUp } from './v8-settings.js'

const require = createRequire(import.meta.url)
let loading: Promise<SqlJsStatic> | undefined

/**
 * The SQLite engine, loaded once per thread. The first call compiles it before returning, off
 * V8's optimising compiler unless block workers run (see compileWithoutTierUp): a pack loads it
 * before it starts them.
 */
export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= compileAndInstantiate()
  return loading
}

async function compileAndInstantiate(): Promise<SqlJsStatic> {
  const instantiate = compileWithoutTierUp(readFileSync(locateWasm()))
  return initSqlJs({
    instantiateWasm(imports, receive) {
      receive(instantiate(imports))
      return {}
    }
  })
}

function locateWasm(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'sql-wasm.wasm')
  if (existsSync(beside)) return beside
  return require.resolve('sql.js/dist/sql-wasm.wasm')
}
