// What a run knows its stores hold: the listings its upload steps took, and every blob they found
// or put since. A listing of a prefix names what the store held then; with what the run put there
// since, it is what the store holds now under that prefix, so the exists check after the pack
// can answer from memory rather than list or ask again. Stores are known by their display (their
// URL without secrets), so a store opened again for the check is the same store.
import type { BlobListing, BlobStore } from '../../store/store.js'
import { listingPrefix } from './listings.js'

/** What a source answers when it cannot tell whether a store holds a blob. */
export const UNTOLD = Symbol('untold')

interface KnownStore {
  /** Listings by id prefix, each complete when taken. */
  listings: Map<string, BlobListing>
  /** Blobs put by this run, or found at this size by asking. */
  sizes: Map<string, number>
}

export class StoreContents {
  private readonly byStore = new Map<string, KnownStore>()

  /** A complete listing of the store's blobs under the prefix, taken by the upload step. */
  listed(store: BlobStore, prefix: string, listing: BlobListing): void {
    this.of(store).listings.set(prefix, listing)
  }

  /** The store holds the blob at this size: put there by this run, or found so by asking. */
  holds(store: BlobStore, id: string, size: number): void {
    this.of(store).sizes.set(id, size)
  }

  /**
   * The size the store holds under the id, undefined when it lacks it; UNTOLD when neither a
   * listing of its prefix nor this run's own requests tell.
   */
  async storedSize(store: BlobStore, id: string): Promise<number | undefined | typeof UNTOLD> {
    const known = this.byStore.get(store.display)
    if (!known) return UNTOLD
    const size = known.sizes.get(id)
    if (size !== undefined) return size
    const listing = known.listings.get(listingPrefix(id))
    return listing ? listing.storedSize(id) : UNTOLD
  }

  private of(store: BlobStore): KnownStore {
    let known = this.byStore.get(store.display)
    if (!known) {
      known = { listings: new Map(), sizes: new Map() }
      this.byStore.set(store.display, known)
    }
    return known
  }
}
