// When every store is a local directory, the block workers store the blobs they encode: no blob
// crosses back to the main thread, and no file operation waits for a turn of its event loop.
import { DirBlobStore } from '../../store/dir.js'
import { RouterBlobStore } from '../../store/router.js'
import { storeFailure } from '../../store/store.js'

/** A directory store and the first bytes of the blob ids it takes, as a worker is told them. */
export interface LocalStoreRoute {
  start: number
  end: number
  root: string
}

/** The stores as routes workers can open, or undefined when any is not a directory. */
export function localStoreRoutes(router: RouterBlobStore): LocalStoreRoute[] | undefined {
  const routes: LocalStoreRoute[] = []
  for (const { start, end, store } of router.routes) {
    if (!(store instanceof DirBlobStore)) return undefined
    routes.push({ start, end, root: store.root })
  }
  return routes
}

/** One worker's view of the directory stores. */
export class LocalBlobStores {
  private readonly router: RouterBlobStore<DirBlobStore>

  constructor(routes: readonly LocalStoreRoute[]) {
    this.router = new RouterBlobStore(
      routes.map(({ start, end, root }) => ({ start, end, store: new DirBlobStore(root) }))
    )
  }

  /** The blob's size when every responsible store holds it at one size; else undefined. */
  heldSize(id: string): number | undefined {
    const sizes = this.router.storesToWrite(id).map(store => store.storedSizeSync(id))
    return sizes.every(size => size !== undefined && size === sizes[0]) ? sizes[0] : undefined
  }

  /** Puts the blob into every responsible store that lacks it; true when any was written. */
  store(id: string, blob: Uint8Array): boolean {
    let written = false
    for (const store of this.router.storesToWrite(id)) {
      try {
        if (store.putIfAbsentSync(id, blob)) written = true
      } catch (error) {
        throw storeFailure(error, id, store)
      }
    }
    return written
  }
}
