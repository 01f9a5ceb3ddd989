// Names the stores of each blob: every store whose range holds the first byte of its id, as rfs's
// router does: overlapping ranges replicate, disjoint ranges shard. Writers put a blob into each
// store that lacks it (flist/pack/upload.ts); readers fetch it from the first that has it.
import type { BlobStore } from './store.js'

export interface RoutedStore<S extends BlobStore = BlobStore> {
  start: number
  end: number
  store: S
}

export class StoreRouter<S extends BlobStore = BlobStore> {
  readonly display: string

  constructor(readonly routes: ReadonlyArray<RoutedStore<S>>) {
    this.display = routes
      .map(route => `${hexByte(route.start)}-${hexByte(route.end)}=${route.store.display}`)
      .join(', ')
  }

  /** The stores responsible for a blob, in the order they were given. */
  storesFor(id: string): S[] {
    const prefix = Number.parseInt(id.slice(0, 2), 16)
    return this.routes
      .filter(route => route.start <= prefix && prefix <= route.end)
      .map(route => route.store)
  }

  /** The stores a blob must be written to: at least one, or the blob cannot be placed. */
  storesToWrite(id: string): S[] {
    const stores = this.storesFor(id)
    if (stores.length === 0) throw new Error(`no store takes blobs starting with ${id.slice(0, 2)}`)
    return stores
  }

  /** The first bytes no store covers; a pack cannot place blobs starting with them. */
  uncoveredPrefixes(): number[] {
    const uncovered: number[] = []
    for (let byte = 0; byte <= 0xff; byte++) {
      if (!this.routes.some(route => route.start <= byte && byte <= route.end)) uncovered.push(byte)
    }
    return uncovered
  }

  /** The blob from the first responsible store that has it. */
  async get(id: string): Promise<Buffer | undefined> {
    const errors: unknown[] = []
    for (const store of this.storesFor(id)) {
      try {
        const blob = await store.get(id)
        if (blob) return blob
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length > 0) throw errors[0]
    return undefined
  }
}

export function hexByte(value: number): string {
  return value.toString(16).padStart(2, '0')
}
