// Whether the stores hold blobs whole: answered first from what the run knows the stores hold (the
// upload step's listings and what it put since), then from listings of the stores taken now, one
// per id prefix, as the upload step lists them; blob by blob where listing does not pay (few
// blobs, a large shared bucket) or a store cannot list. One line per blob no store holds whole.
import type { StoreRouter } from '../../store/router.js'
import type { BlobStore } from '../../store/store.js'
import { fits, type ExpectedSize } from './blob-sizes.js'
import { forEachLimited } from '../../common/concurrency.js'
import { UNTOLD, type StoreContents } from './contents.js'
import { StoreListings } from './listings.js'
import { Semaphore } from '../../common/semaphore.js'

/** A store's size for a blob: undefined when the store lacks it, UNTOLD when this source cannot tell. */
type SizeOf = (store: BlobStore, id: string) => Promise<number | undefined | typeof UNTOLD>

const UNKNOWN = Symbol('unknown')

/**
 * A blob counts as held when every store responsible for it holds it at an expected size:
 * overlapping ranges are replicas, and a copy lost from one is found here, not by a reader that
 * falls back on another. Otherwise the finding names the stores that lack it, or the size one of
 * them holds.
 */
export async function findMissing(
  router: StoreRouter,
  expected: ReadonlyMap<string, ExpectedSize>,
  concurrency: number,
  signal?: AbortSignal,
  contents?: StoreContents
): Promise<string[]> {
  const problems: string[] = []
  const report = (id: string, problem: string | undefined): void => {
    if (problem) problems.push(`block ${id}: ${problem}`)
  }
  let unanswered: Array<[string, ExpectedSize]> = [...expected]
  if (contents) {
    const fromContents: SizeOf = (store, id) => contents.storedSize(store, id)
    const left: typeof unanswered = []
    for (const [id, size] of unanswered) {
      const problem = await check(router, fromContents, id, size)
      if (problem === UNKNOWN) left.push([id, size])
      else report(id, problem)
    }
    unanswered = left
    signal?.throwIfAborted()
  }
  if (unanswered.length === 0) return problems
  const listings = new StoreListings(router, unanswered.length, new Semaphore(concurrency))
  listings.start()
  const fromStores: SizeOf = (store, id) => listings.storedSize(store, id)
  await forEachLimited(
    unanswered,
    concurrency,
    async ([id, size]) => {
      const problem = await check(router, fromStores, id, size)
      report(id, problem === UNKNOWN ? undefined : problem)
    },
    signal
  )
  return problems
}

async function check(
  router: StoreRouter,
  sizeOf: SizeOf,
  id: string,
  expected: ExpectedSize
): Promise<string | undefined | typeof UNKNOWN> {
  const stores = router.storesFor(id)
  if (stores.length === 0) return 'no store covers it'
  const lacking: BlobStore[] = []
  for (const store of stores) {
    const size = await sizeOf(store, id)
    if (size === UNTOLD) return UNKNOWN
    if (size === undefined) lacking.push(store)
    else if (!fits(size, expected)) {
      const held = Number.isNaN(size) ? 'of unknown size' : `${size} bytes`
      return `wrong size in ${store.display} (${held}; ${expected.reason})`
    }
  }
  if (lacking.length === 0) return undefined
  return `missing from ${lacking.map(store => store.display).join(' and ')}`
}
