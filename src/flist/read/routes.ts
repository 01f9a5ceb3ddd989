// Which stores a reader uses: the flist's own routes, or stores the caller names instead (CI may
// reach the blobs through an address, or with credentials, that the routes do not hold).
import { UserError } from '../../common/errors.js'
import { openStores, type OpenStoreOptions } from '../../store/open.js'
import type { StoreRouter } from '../../store/router.js'
import type { FlistReader } from '../format/reader.js'
import type { StoreSpec } from '../../store-url/spec.js'

export async function readerStores(
  reader: FlistReader,
  stores?: readonly StoreSpec[],
  options: OpenStoreOptions = {}
): Promise<StoreRouter> {
  const specs = stores && stores.length > 0 ? stores : reader.routes()
  if (specs.length === 0) {
    throw new UserError(
      `${reader.path} has no routes: add the store that holds its blobs (rfs config -m FLIST store add -s URL)`
    )
  }
  return openStores(specs, 'read', options)
}
