import type { SqlJsStatic } from 'sql.js'

/** Emscripten's hook for a module its caller compiled: given the imports, it hands back the instance. */
declare function initSqlJs(config: {
  instantiateWasm(imports: object, receive: (instance: object) => void): object
}): Promise<SqlJsStatic>
export = initSqlJs
