// Real blob stores with their requests counted, for tests of when a listing saves asking.
import { createHash } from 'node:crypto'
import { StoreRouter } from '../../src/store/router.js'
import type { BlobStore } from '../../src/store/store.js'

/** A hex id starting with `prefix`, distinct per seed. */
export function idWith(prefix: string, seed: number): string {
  const digest = createHash('sha256').update(`${prefix}:${seed}`).digest('hex')
  return prefix + digest.slice(prefix.length)
}

export interface Calls {
  asked: number
  put: number
  list: number
}

/** The store itself, with its calls counted. */
export function counted(store: BlobStore): { store: BlobStore; calls: Calls } {
  const calls: Calls = { asked: 0, put: 0, list: 0 }
  return {
    calls,
    store: {
      display: store.display,
      storedSize: id => (calls.asked++, store.storedSize(id)),
      get: id => store.get(id),
      put: (id, blob) => (calls.put++, store.put(id, blob)),
      listIds: (prefix, limit) => (calls.list++, store.listIds!(prefix, limit))
    }
  }
}

/** One store taking every id. */
export function router(store: BlobStore): StoreRouter {
  return new StoreRouter([{ start: 0, end: 255, store }])
}
