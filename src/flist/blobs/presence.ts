// Whether the stores hold blobs whole, answered from listings of the stores taken now, one per id
// prefix, as the upload step lists them; blob by blob where listing does not pay (few blobs, a
// large shared bucket) or a store cannot list. One line per blob no store holds whole.
import type { RouterBlobStore } from '../../store/router.js'
import type { BlobStore } from '../../store/store.js'
import { fits, type ExpectedSize } from './blob-sizes.js'
import { forEachLimited } from '../../common/concurrency.js'
import { StoreListings } from './listings.js'
import { Semaphore } from '../../common/semaphore.js'

/**
 * A blob counts as held when every store responsible for it holds it at an expected size:
 * overlapping ranges are replicas, and a copy lost from one is found here, not by a reader that
 * falls back on another. Otherwise the finding names the stores that lack it, or the size one of
 * them holds.
 */
export async function findMissing(
  router: RouterBlobStore,
  expected: ReadonlyMap<string, ExpectedSize>,
  concurrency: number,
  signal?: AbortSignal
): Promise<string[]> {
  const listings = new StoreListings(router, expected.size, new Semaphore(concurrency))
  listings.start()
  const problems: string[] = []
  await forEachLimited(
    [...expected],
    concurrency,
    async ([id, size]) => {
      const problem = await check(router, listings, id, size)
      if (problem) problems.push(`block ${id}: ${problem}`)
    },
    signal
  )
  return problems
}

async function check(
  router: RouterBlobStore,
  listings: StoreListings,
  id: string,
  expected: ExpectedSize
): Promise<string | undefined> {
  const stores = router.storesFor(id)
  if (stores.length === 0) return 'no store covers it'
  const lacking: BlobStore[] = []
  for (const store of stores) {
    const size = await listings.storedSize(store, id)
    if (size === undefined) lacking.push(store)
    else if (!fits(size, expected)) {
      const held = Number.isNaN(size) ? 'of unknown size' : `${size} bytes`
      return `wrong size in ${store.display} (${held}; ${expected.reason})`
    }
  }
  if (lacking.length === 0) return undefined
  return `missing from ${lacking.map(store => store.display).join(' and ')}`
}
