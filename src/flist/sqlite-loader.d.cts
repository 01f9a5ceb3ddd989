import type { SqlJsStatic } from 'sql.js'

declare function initSqlJs(config: { wasmBinary: ArrayBuffer }): Promise<SqlJsStatic>
export = initSqlJs
