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

/** The store itself, with its calls counted; `listIds` only where the store has it. */
export function counted(store: BlobStore): { store: BlobStore; calls: Calls } {
  const calls: Calls = { asked: 0, put: 0, list: 0 }
  const wrapped: BlobStore = {
    display: store.display,
    storedSize: id => (calls.asked++, store.storedSize(id)),
    get: id => store.get(id),
    put: (id, blob) => (calls.put++, store.put(id, blob))
  }
  // Only a store that can list is given a listing: one that cannot keeps that shape.
  const listIds = store.listIds?.bind(store)
  if (listIds) wrapped.listIds = (prefix, limit) => (calls.list++, listIds(prefix, limit))
  return { calls, store: wrapped }
}

/** One store taking every id. */
export function router(store: BlobStore): StoreRouter {
  return new StoreRouter([{ start: 0, end: 255, store }])
}
