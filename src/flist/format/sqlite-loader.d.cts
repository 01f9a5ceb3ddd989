import type { SqlJsStatic } from 'sql.js'

/** sql.js's loader, given the bytes of its WebAssembly. */
declare function initSqlJs(config: { wasmBinary: ArrayBuffer }): Promise<SqlJsStatic>
export = initSqlJs
