// Listings of the stores, one per id prefix and shared by every blob under it: how the upload
// step knows which blobs a store lacks, and how the exists check knows the store holds them,
// without a request per blob. Each blob's stored size comes with it.
import type { StoreRouter } from '../../store/router.js'
import { LISTING_PAGE, type BlobListing, type BlobStore } from '../../store/store.js'
import type { Semaphore } from '../../common/semaphore.js'
import type { StoreContents } from './contents.js'

/** Pages the first listing of a store, of all of it, may take before prefixes are listed apart. */
const WHOLE_LISTING_PAGES = 16
/**
 * Pages one prefix may take at most, whatever the pack's size: names are held as strings until a
 * listing completes, and 16 prefixes are listed at once, so this bounds their memory.
 */
const PREFIX_PAGES_LIMIT = 32
/** Ids held from listings at most, over all prefixes and stores: bounds the memory they take. */
const LISTED_IDS_LIMIT = 1 << 20

/**
 * Listings go by the first hex digit of the id: 16 prefixes, each paged. Ids are uniformly spread,
 * so a prefix holds a sixteenth of the pack's blocks; fewer, fuller prefixes take fewer requests
 * than 256 nearly empty ones (and some servers walk the whole bucket for every listing request).
 */
export const LISTING_PREFIX_DIGITS = 1

/**
 * Listing a prefix costs a request per page of names, asking costs a request per blob: a prefix
 * is listed when at least two blobs are expected under it, and the listing is abandoned (back to
 * asking) once it has taken more pages than half of those blobs, i.e. when the prefix holds far
 * more unrelated blobs than the caller needs (or more than PREFIX_PAGES_LIMIT pages). Returns the
 * names allowed per prefix, 0: no listing.
 */
export function listingLimit(expectedBlocks: number): number {
  const perPrefix = expectedBlocks / 16 ** LISTING_PREFIX_DIGITS
  if (perPrefix < 2) return 0
  return LISTING_PAGE * Math.min(Math.floor(perPrefix / 2), PREFIX_PAGES_LIMIT)
}

export function listingPrefix(id: string): string {
  return id.slice(0, LISTING_PREFIX_DIGITS)
}

export class StoreListings {
  private readonly limit: number
  private readonly byStore = new Map<BlobStore, ListingsOfStore>()
  private listedIds = 0

  /**
   * `expectedBlocks`: the blobs the caller will ask about (repeats included), which decides
   * whether listing pays. Listing requests take turns with the caller's other requests on
   * `requests`. Each listing that comes is recorded in `contents`.
   */
  constructor(
    private readonly router: StoreRouter,
    expectedBlocks: number,
    private readonly requests: Semaphore,
    private readonly contents?: StoreContents
  ) {
    this.limit = listingLimit(expectedBlocks)
  }

  get listing(): boolean {
    return this.limit > 0
  }

  /** Starts listing every store that can list, so the listings come while blobs are encoded. */
  start(): void {
    if (this.limit === 0) return
    for (const { store } of this.router.routes) if (store.listIds) this.ofStore(store)
  }

  /**
   * The store's blobs under the id's prefix, listed once and shared by every blob under it;
   * undefined when the store cannot list, listing does not pay, or it failed (then each blob is
   * asked about: a listing never stands in for an answer it did not give).
   *
   * The first listing of a store is of the whole store, with a budget of a few pages: a store
   * holding little more than the caller's blobs is then known in those few requests (some servers
   * walk the whole bucket for every listing request, whatever its prefix), and a store that cannot
   * list says so once. Past the budget, each prefix is listed on its own.
   */
  of(store: BlobStore, id: string): Promise<BlobListing | undefined> {
    if (this.limit === 0 || !store.listIds) return Promise.resolve(undefined)
    const state = this.ofStore(store)
    const prefix = listingPrefix(id)
    let listing = state.byPrefix.get(prefix)
    if (!listing) {
      listing = this.listPrefix(store, prefix, state.whole)
      state.byPrefix.set(prefix, listing)
      void listing.then(listed => {
        state.settled.add(prefix)
        if (listed) this.contents?.listed(store, prefix, listed)
      })
    }
    return listing
  }

  /**
   * Whether the listing that answers for this blob in this store has come (or given up). One not
   * asked for yet has not: it starts when the blob is stored or looked for (`of`).
   */
  settled(store: BlobStore, id: string): boolean {
    if (this.limit === 0 || !store.listIds) return true
    return this.byStore.get(store)?.settled.has(listingPrefix(id)) ?? false
  }

  /**
   * The size the store holds under the id: from its listing when there is one, else asked of the
   * store (a request, taken in turn on `requests`; a blob found so is recorded in `contents`).
   */
  async storedSize(store: BlobStore, id: string): Promise<number | undefined> {
    const listed = await this.of(store, id)
    if (listed) return listed.storedSize(id)
    await this.requests.acquire()
    try {
      const size = await store.storedSize(id)
      if (size !== undefined) this.contents?.holds(store, id, size)
      return size
    } finally {
      this.requests.release()
    }
  }

  private ofStore(store: BlobStore): ListingsOfStore {
    let state = this.byStore.get(store)
    if (!state) {
      const limit = Math.min(WHOLE_LISTING_PAGES * LISTING_PAGE, this.limit)
      state = { whole: this.listOnce(store, '', limit), byPrefix: new Map(), settled: new Set() }
      this.byStore.set(store, state)
    }
    return state
  }

  private async listPrefix(
    store: BlobStore,
    prefix: string,
    whole: Promise<ListingOutcome>
  ): Promise<BlobListing | undefined> {
    const all = await whole
    if (all === 'failed') return undefined
    if (all !== 'too-many') return all
    const part = await this.listOnce(store, prefix, this.limit)
    return typeof part === 'string' ? undefined : part
  }

  private async listOnce(store: BlobStore, prefix: string, limit: number): Promise<ListingOutcome> {
    if (this.listedIds >= LISTED_IDS_LIMIT) return 'too-many'
    try {
      // Ahead of the uploads waiting for a request: a listing decides what every blob under it
      // does, and behind the uploads of a pack running beside this one it would hold them all
      // back (their blobs let go, to be encoded again once it comes).
      await this.requests.acquireFirst()
    } catch {
      return 'too-many'
    }
    try {
      const ids = await store.listIds!(prefix, limit)
      if (!ids) return 'too-many'
      this.listedIds += ids.size
      return ids
    } catch {
      return 'failed'
    } finally {
      this.requests.release()
    }
  }
}

/** A listing, or why there is none: more names than asked for, or the request failed. */
type ListingOutcome = BlobListing | 'too-many' | 'failed'

interface ListingsOfStore {
  /** The first listing: of the whole store, within WHOLE_LISTING_PAGES pages. */
  whole: Promise<ListingOutcome>
  byPrefix: Map<string, Promise<BlobListing | undefined>>
  /** Prefixes whose listing has come (or given up). */
  settled: Set<string>
}
